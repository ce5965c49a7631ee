package server

import (
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// connLimiter caps the connections the server holds. Over the cap, it
// closes an idle keep-alive connection to make room, and if none is idle it
// answers the new connection 503 and closes it, so that idle connections
// cannot lock out callers and busy ones cannot grow without bound.
type connLimiter struct {
	net.Listener
	max int

	mu    sync.Mutex
	conns map[net.Conn]http.ConnState // open connections and their states
}

// refusal is the whole answer to a connection over the cap.
var refusal = func() string {
	body := `{"errors":[{"message":"the server has too many connections; retry","extensions":{"code":"UNAVAILABLE"}}]}`
	return "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\nConnection: close\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n" + body
}()

func newConnLimiter(ln net.Listener, max int) *connLimiter {
	return &connLimiter{Listener: ln, max: max, conns: map[net.Conn]http.ConnState{}}
}

func (l *connLimiter) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if l.admit(c) {
			return c, nil
		}
		c.SetWriteDeadline(time.Now().Add(time.Second))
		c.Write([]byte(refusal))
		c.Close()
	}
}

// admit counts c in, closing an idle connection if the cap is reached; it
// returns false if every connection is busy.
func (l *connLimiter) admit(c net.Conn) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.conns) >= l.max {
		var idle net.Conn
		for ic, st := range l.conns {
			if st == http.StateIdle {
				idle = ic
				break
			}
		}
		if idle == nil {
			return false
		}
		delete(l.conns, idle)
		idle.Close()
	}
	l.conns[c] = http.StateNew
	return true
}

// track is the http.Server's ConnState hook.
func (l *connLimiter) track(c net.Conn, st http.ConnState) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch st {
	case http.StateClosed, http.StateHijacked:
		delete(l.conns, c)
	default:
		if _, ok := l.conns[c]; ok {
			l.conns[c] = st
		}
	}
}

// open returns the number of connections held.
func (l *connLimiter) open() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.conns)
}

package server_test

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"

	"github.com/rs/zerolog"

	"github.com/netgraph/netgraph/server"
)

// TestConnectionsCapped opens as many connections as the cap allows and
// checks that, when all are busy, the next is answered 503; and that when
// they are idle keep-alive connections, an idle one makes room for the
// next.
func TestConnectionsCapped(t *testing.T) {
	s := server.New(server.Config{
		Addr:           "127.0.0.1:0",
		Store:          &pingStore{PingFn: func(context.Context) error { return nil }},
		GraphQL:        http.NotFoundHandler(),
		Logger:         zerolog.Nop(),
		MaxConnections: 3,
		IdleTimeout:    time.Minute,
	})
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Shutdown(context.Background()) })
	addr := s.Addr().String()
	dial := func() net.Conn {
		t.Helper()
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	get := func(c net.Conn) (int, error) {
		if _, err := io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"); err != nil {
			return 0, err
		}
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		res, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode, nil
	}

	t.Run("Busy", func(t *testing.T) {
		var busy []net.Conn
		for range 3 {
			c := dial()
			io.WriteString(c, "GET /healthz HTTP/1.1\r\n") // headers never finished
			busy = append(busy, c)
		}
		time.Sleep(100 * time.Millisecond) // let the server read them
		status, err := get(dial())
		if err != nil || status != http.StatusServiceUnavailable {
			t.Errorf("fourth connection: HTTP %d, %v; want 503", status, err)
		}
		for _, c := range busy {
			c.Close()
		}
	})
	time.Sleep(100 * time.Millisecond)

	t.Run("Idle", func(t *testing.T) {
		var idle []net.Conn
		for range 3 {
			c := dial()
			if status, err := get(c); err != nil || status != http.StatusOK {
				t.Fatalf("HTTP %d, %v", status, err)
			}
			idle = append(idle, c)
		}
		if status, err := get(dial()); err != nil || status != http.StatusOK {
			t.Errorf("fourth connection beside three idle ones: HTTP %d, %v; want 200", status, err)
		}
		closed := 0
		for _, c := range idle {
			if _, err := get(c); err != nil {
				closed++
			}
		}
		if closed != 1 {
			t.Errorf("%d idle connections closed, want 1", closed)
		}
	})
}

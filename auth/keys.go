package auth

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/netgraph/netgraph"
)

// Limits of an API key file.
const (
	// MinTokenLength is the shortest token accepted: 16 random characters
	// are beyond guessing, all the more as the server rate-limits requests
	// with wrong credentials per client address.
	MinTokenLength = 16
	// MaxTokenLength is the longest token accepted.
	MaxTokenLength = 512
	// maxNameLength is the longest key name.
	maxNameLength = 64
	// maxKeyLineLength is the longest line read from a key file.
	maxKeyLineLength = 4096
)

// Key is one API key: a role and a label for audit records. The token itself
// is kept only as its SHA-256 hash.
type Key struct {
	// Subject names the key in logs and audit records: "key:NAME" if the
	// line names it, else "key:" and the first 8 hex digits of the token's
	// SHA-256. Never the token.
	Subject string
	// Role is what requests with this key may do.
	Role netgraph.Role
	// Line is the key's line in its file, for messages.
	Line int

	hash [sha256.Size]byte
}

// Keys is a set of API keys, checked in constant time.
type Keys struct {
	keys []Key
}

// LoadKeys reads an API key file (see ParseKeys). A file without keys is an
// error: it would lock everyone out. The error names the file and the line,
// never a token.
func LoadKeys(path string) (*Keys, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("API key file: %w", err)
	}
	defer f.Close()
	keys, err := ParseKeys(f)
	if err != nil {
		return nil, fmt.Errorf("API key file %s: %w", path, err)
	}
	if keys.Len() == 0 {
		return nil, fmt.Errorf("API key file %s has no keys", path)
	}
	return keys, nil
}

// FilePermissionWarning says what is wrong with the permissions of a file
// of secrets (API keys), or "" if nothing is: a file other users may read
// or change gives its keys to anyone on the machine.
func FilePermissionWarning(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Sprintf("API key file %s can be read or written by other users (mode %04o): anyone on this machine may use its keys; chmod 600 it", path, perm)
	}
	return ""
}

// ParseKeys reads API keys, one a line:
//
//	ROLE TOKEN [NAME]
//
// ROLE is viewer, analyst, facilitator or admin; TOKEN is 16 to 512 visible
// ASCII characters, unique in the file; the optional NAME (letters, digits,
// and . _ - @, unique) labels the key in audit records. Blank lines and lines
// starting with # are ignored. Errors say "line N: ..." and never repeat what
// was on the line, which may be a token.
func ParseKeys(r io.Reader) (*Keys, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 512), maxKeyLineLength)
	ks := &Keys{}
	tokens := map[[sha256.Size]byte]int{} // token hash → line
	subjects := map[string]int{}          // subject → line
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		k, err := parseKeyLine(text)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		k.Line = line
		if prev, ok := tokens[k.hash]; ok {
			return nil, fmt.Errorf("line %d: same token as line %d", line, prev)
		}
		if prev, ok := subjects[k.Subject]; ok {
			return nil, fmt.Errorf("line %d: same name as line %d", line, prev)
		}
		tokens[k.hash], subjects[k.Subject] = line, line
		ks.keys = append(ks.keys, k)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("line %d: longer than %d bytes", line+1, maxKeyLineLength)
		}
		return nil, fmt.Errorf("after line %d: %w", line, err)
	}
	return ks, nil
}

// parseKeyLine reads "ROLE TOKEN [NAME]". Its errors quote nothing from the
// line: a misplaced token must not end up in a log.
func parseKeyLine(text string) (Key, error) {
	fields := strings.Fields(text)
	if len(fields) < 2 || len(fields) > 3 {
		return Key{}, fmt.Errorf("want ROLE TOKEN [NAME], found %d fields", len(fields))
	}
	role := netgraph.Role(fields[0])
	if !role.Valid() {
		return Key{}, errors.New("first field is not a role (want viewer, analyst, facilitator or admin)")
	}
	token := fields[1]
	switch {
	case len(token) < MinTokenLength:
		return Key{}, fmt.Errorf("token has %d characters; want at least %d", len(token), MinTokenLength)
	case len(token) > MaxTokenLength:
		return Key{}, fmt.Errorf("token has %d characters; want at most %d", len(token), MaxTokenLength)
	case !visibleASCII(token):
		return Key{}, errors.New("token has characters other than visible ASCII")
	}
	k := Key{Role: role, hash: sha256.Sum256([]byte(token))}
	if len(fields) == 3 {
		name := fields[2]
		if !validName(name) {
			return Key{}, fmt.Errorf("name must be 1 to %d letters, digits or . _ - @", maxNameLength)
		}
		k.Subject = "key:" + name
	} else {
		k.Subject = "key:" + hex.EncodeToString(k.hash[:4])
	}
	return k, nil
}

// visibleASCII reports whether s is printable ASCII without spaces, the
// characters an Authorization header carries unchanged.
func visibleASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// validName reports whether s is fit to be a key's name in logs.
func validName(s string) bool {
	if s == "" || len(s) > maxNameLength {
		return false
	}
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case c == '.', c == '_', c == '-', c == '@':
		default:
			return false
		}
	}
	return true
}

// Len returns the number of keys.
func (ks *Keys) Len() int {
	if ks == nil {
		return 0
	}
	return len(ks.keys)
}

// Lookup returns the key whose token is token. It hashes the token and
// compares the hash with every key's in constant time, without stopping at a
// match, so the time taken says nothing about which key, if any, matched.
func (ks *Keys) Lookup(token string) (Key, bool) {
	if ks == nil {
		return Key{}, false
	}
	h := sha256.Sum256([]byte(token))
	found := -1
	for i := range ks.keys {
		eq := subtle.ConstantTimeCompare(h[:], ks.keys[i].hash[:])
		found = subtle.ConstantTimeSelect(eq, i, found)
	}
	if found < 0 {
		return Key{}, false
	}
	return ks.keys[found], true
}

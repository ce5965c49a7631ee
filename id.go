package netgraph

import (
	"crypto/rand"
	"encoding/binary"
	"strings"
	"sync"
	"time"
)

// Id prefixes say what an id names, which makes ids in logs and errors easier
// to read. Ids are otherwise opaque.
const (
	PersonIDPrefix       = "per_"
	OrganisationIDPrefix = "org_"
	NetworkIDPrefix      = "net_"
	AuditIDPrefix        = "aud_" // audit log entries
	RequestIDPrefix      = "req_" // membership requests
)

// ExternalIDRef starts an id argument that names an entity by its external
// id rather than its id ("ext:crm-17"; see Person.ExternalID). Generated ids
// never start so.
const ExternalIDRef = "ext:"

// crockford is Crockford's base32 alphabet: ids sort in the order they encode.
const crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

var idGen struct {
	sync.Mutex
	lastMs  uint64
	lastRnd [10]byte
}

// NewID returns a new id with the given prefix: a 48-bit millisecond time and
// 80 random bits (a ULID), monotonic within this process, so that sorting ids
// sorts by creation time and ids from several processes do not collide.
func NewID(prefix string) string {
	idGen.Lock()
	ms := uint64(time.Now().UnixMilli())
	if ms <= idGen.lastMs {
		ms = idGen.lastMs
		incr(&idGen.lastRnd)
	} else {
		if _, err := rand.Read(idGen.lastRnd[:]); err != nil {
			panic("netgraph: crypto/rand failed: " + err.Error()) // cannot happen on supported platforms
		}
		idGen.lastMs = ms
	}
	var raw [16]byte
	binary.BigEndian.PutUint64(raw[:8], ms<<16)
	copy(raw[6:], idGen.lastRnd[:])
	idGen.Unlock()

	var b strings.Builder
	b.Grow(len(prefix) + 26)
	b.WriteString(prefix)
	// 128 bits as 26 base32 digits, most significant first (the first digit
	// carries 3 bits).
	hi, lo := binary.BigEndian.Uint64(raw[:8]), binary.BigEndian.Uint64(raw[8:])
	for i := 25; i >= 0; i-- {
		shift := uint(5 * i)
		var d uint64
		switch {
		case shift >= 64:
			d = hi >> (shift - 64)
		case shift+5 > 64:
			d = lo>>shift | hi<<(64-shift)
		default:
			d = lo >> shift
		}
		b.WriteByte(crockford[d&31])
	}
	return b.String()
}

// incr adds one to a big-endian number, wrapping on overflow.
func incr(b *[10]byte) {
	for i := len(b) - 1; i >= 0; i-- {
		b[i]++
		if b[i] != 0 {
			return
		}
	}
}

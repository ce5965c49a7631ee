package embedded

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"time"

	"github.com/netgraph/netgraph"
)

// The file holds one bucket per entity type and relation, keyed by id or by
// the relation's ends, plus an external-id index per entity type and a meta
// bucket with the schema and data versions. Keys join ids with a NUL byte,
// which ids cannot contain, so that byte order of keys is the order of their
// parts: ties and partnerships sort by (smaller id, larger id, kind),
// affiliations and memberships by (person id, other id).
var (
	bucketMeta             = []byte("meta")
	bucketPeople           = []byte("people")
	bucketPeopleExt        = []byte("people_by_external_id")
	bucketOrganisations    = []byte("organisations")
	bucketOrganisationsExt = []byte("organisations_by_external_id")
	bucketNetworks         = []byte("networks")
	bucketNetworksExt      = []byte("networks_by_external_id")
	bucketAffiliations     = []byte("affiliations")        // person NUL organisation
	bucketMemberships      = []byte("memberships")         // person NUL network
	bucketTies             = []byte("ties")                // a NUL b NUL kind, a < b
	bucketPartnerships     = []byte("partnerships")        // a NUL b NUL kind, a < b
	bucketAudit            = []byte("audit")               // entry id; not part of the graph
	bucketDismissals       = []byte("dismissals")          // a NUL b, a < b; not part of the graph
	bucketRequests         = []byte("membership_requests") // request id; not part of the graph

	allBuckets = [][]byte{bucketMeta, bucketPeople, bucketPeopleExt, bucketOrganisations, bucketOrganisationsExt,
		bucketNetworks, bucketNetworksExt, bucketAffiliations, bucketMemberships, bucketTies, bucketPartnerships,
		bucketAudit, bucketDismissals, bucketRequests}

	keySchema  = []byte("schema")
	keyVersion = []byte("version")
	// keyErasurePending is set by an erasure's transaction and absent from
	// the file its compaction writes (see compact.go).
	keyErasurePending = []byte("erasure_pending")
)

// schemaVersion is the layout of the file this code reads and writes.
// Version 2 added the checksum at the end of every value (seal); Open
// migrates a version 1 file by sealing its values.
const schemaVersion = 2

// valueFormat is the first byte of every encoded value, so that the encoding
// can change without a new schema.
const valueFormat = 1

// Flags in tie and partnership values.
const (
	flagReversed = 1 << iota // the relation was recorded from the larger id to the smaller
	flagHasLast              // a tie's LastInteraction is set
)

var errCorrupt = errors.New("corrupt value")

// errChecksum is a value whose checksum does not match its key and bytes.
var errChecksum = fmt.Errorf("checksum mismatch: %w", errCorrupt)

// Every value outside the meta bucket ends in a checksum: the CRC-32C of its
// key and the rest of the value, so that a flipped bit in a value or a key is
// found where the value is read (bbolt checksums only its meta pages). put
// seals what it writes; every read of a value unseals it.
const checksumSize = 4

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

func checksum(key, body []byte) uint32 {
	return crc32.Update(crc32.Checksum(key, castagnoli), castagnoli, body)
}

// seal appends the checksum of key and v to v.
func seal(key, v []byte) []byte { return binary.BigEndian.AppendUint32(v, checksum(key, v)) }

// unseal returns v without its checksum, or errChecksum if the checksum does
// not match.
func unseal(key, v []byte) ([]byte, error) {
	if len(v) < checksumSize {
		return nil, errChecksum
	}
	body := v[:len(v)-checksumSize]
	if checksum(key, body) != binary.BigEndian.Uint32(v[len(body):]) {
		return nil, errChecksum
	}
	return body, nil
}

// pairKey returns a NUL b NUL kind.
func pairKey(a, b, kind string) []byte {
	k := make([]byte, 0, len(a)+len(b)+len(kind)+2)
	k = append(k, a...)
	k = append(k, 0)
	k = append(k, b...)
	k = append(k, 0)
	return append(k, kind...)
}

// tieFileKey returns the file key of the tie k names.
func tieFileKey(k netgraph.TieKey) []byte { return pairKey(k.A, k.B, string(k.Kind)) }

// partnershipFileKey returns the file key of the partnership of kind between
// organisations a and b, named in either order.
func partnershipFileKey(a, b string, kind netgraph.PartnershipKind) []byte {
	if b < a {
		a, b = b, a
	}
	return pairKey(a, b, string(kind))
}

// relKey returns a NUL b.
func relKey(a, b string) []byte {
	k := make([]byte, 0, len(a)+len(b)+1)
	k = append(k, a...)
	k = append(k, 0)
	return append(k, b...)
}

// splitRel splits a NUL b.
func splitRel(k []byte) (a, b []byte, ok bool) {
	i := bytes.IndexByte(k, 0)
	if i < 0 {
		return nil, nil, false
	}
	return k[:i], k[i+1:], true
}

// splitPair splits a NUL b NUL kind.
func splitPair(k []byte) (a, b, kind []byte, ok bool) {
	a, rest, ok := splitRel(k)
	if !ok {
		return nil, nil, nil, false
	}
	b, kind, ok = splitRel(rest)
	return a, b, kind, ok
}

// encoder appends values to a byte slice.
type encoder struct{ b []byte }

func (e *encoder) byte(v byte)       { e.b = append(e.b, v) }
func (e *encoder) uvarint(v uint64)  { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) float64(v float64) { e.b = binary.BigEndian.AppendUint64(e.b, math.Float64bits(v)) }
func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.b = append(e.b, s...)
}
func (e *encoder) strs(list []string) {
	e.uvarint(uint64(len(list)))
	for _, s := range list {
		e.str(s)
	}
}
func (e *encoder) time(t time.Time) {
	e.b = binary.AppendVarint(e.b, t.Unix())
	e.uvarint(uint64(t.Nanosecond()))
}
func (e *encoder) optTime(t *time.Time) {
	if t == nil {
		e.byte(0)
		return
	}
	e.byte(1)
	e.time(*t)
}
func (e *encoder) bool(v bool) {
	if v {
		e.byte(1)
	} else {
		e.byte(0)
	}
}

// decoder reads values an encoder wrote. When s holds the same bytes as b,
// strings are cut from s instead of copied, so that a record's strings share
// one allocation.
type decoder struct {
	b   []byte
	s   string
	off int
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errCorrupt
	}
	d.off = len(d.b)
}

func (d *decoder) byte() byte {
	if d.off >= len(d.b) {
		d.fail()
		return 0
	}
	v := d.b[d.off]
	d.off++
	return v
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b[d.off:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) varint() int64 {
	v, n := binary.Varint(d.b[d.off:])
	if n <= 0 {
		d.fail()
		return 0
	}
	d.off += n
	return v
}

func (d *decoder) float64() float64 {
	if len(d.b)-d.off < 8 {
		d.fail()
		return 0
	}
	v := math.Float64frombits(binary.BigEndian.Uint64(d.b[d.off:]))
	d.off += 8
	return v
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.b)-d.off) {
		d.fail()
		return ""
	}
	start := d.off
	d.off += int(n)
	if n == 0 {
		return ""
	}
	if d.s != "" {
		return d.s[start:d.off]
	}
	return string(d.b[start:d.off])
}

// strs reads what encoder.strs wrote; nil for an empty list.
func (d *decoder) strs() []string {
	n := d.uvarint()
	if n == 0 {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.fail()
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

// instant is a time as seconds and nanoseconds since the Unix epoch, without
// a location: how ties keep their times in the index.
type instant struct {
	sec  int64
	nsec int32
}

func (d *decoder) instant() instant {
	sec := d.varint()
	nsec := d.uvarint()
	if nsec >= 1e9 {
		d.fail()
	}
	return instant{sec, int32(nsec)}
}

func (d *decoder) time() time.Time { return d.instant().time() }

func (d *decoder) optTime() *time.Time {
	if d.byte() == 0 {
		return nil
	}
	t := d.time()
	return &t
}

func (d *decoder) bool() bool { return d.byte() != 0 }

// done returns the first error, or an error if bytes are left over.
func (d *decoder) done() error {
	if d.err == nil && d.off != len(d.b) {
		d.err = errCorrupt
	}
	return d.err
}

func (d *decoder) format() {
	if d.byte() != valueFormat {
		d.fail()
	}
}

func toInstant(t time.Time) instant { return instant{t.Unix(), int32(t.Nanosecond())} }

// time returns the instant in UTC, the form the store hands out.
func (i instant) time() time.Time { return time.Unix(i.sec, int64(i.nsec)).UTC() }

// utc returns t in UTC without a monotonic reading: the form the store keeps,
// so that values it returns compare equal to values it reads back.
func utc(t time.Time) time.Time { return t.UTC() }

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func clonePtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := *t
	return &u
}

func encodePerson(p *netgraph.Person) []byte {
	e := encoder{make([]byte, 0, 64+len(p.Name)+len(p.Email)+len(p.Title)+len(p.Profession)+len(p.Region))}
	e.byte(valueFormat)
	e.str(p.ExternalID)
	e.str(p.Name)
	e.str(p.Email)
	e.str(p.Title)
	e.str(p.Profession)
	e.str(p.Region)
	e.strs(p.Interests)
	e.bool(p.Consent)
	e.time(p.CreatedAt)
	e.time(p.UpdatedAt)
	return e.b
}

func decodePerson(id string, v []byte) (netgraph.Person, error) {
	d := decoder{b: v, s: string(v)} // one copy, shared by every string
	d.format()
	p := netgraph.Person{ID: id, ExternalID: d.str(), Name: d.str(), Email: d.str(), Title: d.str(),
		Profession: d.str(), Region: d.str()}
	p.Interests = d.strs()
	p.Consent = d.bool()
	p.CreatedAt = d.time()
	p.UpdatedAt = d.time()
	if err := d.done(); err != nil {
		return netgraph.Person{}, fmt.Errorf("person %s: %w", id, err)
	}
	return p, nil
}

func encodeOrganisation(o *netgraph.Organisation) []byte {
	e := encoder{make([]byte, 0, 48+len(o.ExternalID)+len(o.Name)+len(o.Region))}
	e.byte(valueFormat)
	e.str(o.ExternalID)
	e.str(o.Name)
	e.str(string(o.Sector))
	e.str(o.Region)
	e.time(o.CreatedAt)
	e.time(o.UpdatedAt)
	return e.b
}

func decodeOrganisation(id string, v []byte) (netgraph.Organisation, error) {
	d := decoder{b: v, s: string(v)} // one copy, shared by every string
	d.format()
	o := netgraph.Organisation{ID: id, ExternalID: d.str(), Name: d.str(), Sector: netgraph.Sector(d.str()),
		Region: d.str(), CreatedAt: d.time(), UpdatedAt: d.time()}
	if err := d.done(); err != nil {
		return netgraph.Organisation{}, fmt.Errorf("organisation %s: %w", id, err)
	}
	return o, nil
}

func encodeNetwork(n *netgraph.Network) []byte {
	e := encoder{make([]byte, 0, 48+len(n.ExternalID)+len(n.Name)+len(n.Purpose)+len(n.Region)+len(n.Specialty))}
	e.byte(valueFormat)
	e.str(n.ExternalID)
	e.str(n.Name)
	e.str(string(n.Type))
	e.str(n.Purpose)
	e.str(n.Region)
	e.str(n.Specialty)
	e.time(n.CreatedAt)
	e.time(n.UpdatedAt)
	// The register's profile, after the fields values had before it, so
	// that a value written before reads back with the profile's defaults.
	e.str(n.Aims)
	e.str(n.HostOrganisationID)
	e.str(n.ContactName)
	e.str(n.ContactEmail)
	e.str(string(n.MembershipPolicy))
	e.str(n.Website)
	e.document(n.TermsOfReference)
	e.document(n.Memorandum)
	e.str(string(n.Status))
	return e.b
}

// document encodes an optional document: a presence byte, then its fields.
func (e *encoder) document(d *netgraph.Document) {
	e.bool(d != nil)
	if d != nil {
		e.str(d.Title)
		e.str(d.Link)
		e.optTime(d.ReviewDate)
	}
}

func (d *decoder) document() *netgraph.Document {
	if !d.bool() {
		return nil
	}
	doc := &netgraph.Document{Title: d.str(), Link: d.str()}
	doc.ReviewDate = d.optTime()
	return doc
}

func decodeNetwork(id string, v []byte) (netgraph.Network, error) {
	d := decoder{b: v, s: string(v)} // one copy, shared by every string
	d.format()
	n := netgraph.Network{ID: id, ExternalID: d.str(), Name: d.str(), Type: netgraph.NetworkType(d.str()),
		Purpose: d.str(), Region: d.str(), Specialty: d.str(), CreatedAt: d.time(), UpdatedAt: d.time()}
	if d.err == nil && d.off < len(d.b) { // a profile: written since networks have had one
		n.Aims, n.HostOrganisationID, n.ContactName, n.ContactEmail = d.str(), d.str(), d.str(), d.str()
		n.MembershipPolicy, n.Website = netgraph.MembershipPolicy(d.str()), d.str()
		n.TermsOfReference, n.Memorandum = d.document(), d.document()
		n.Status = netgraph.NetworkStatus(d.str())
	}
	n.SetDefaults()
	if err := d.done(); err != nil {
		return netgraph.Network{}, fmt.Errorf("network %s: %w", id, err)
	}
	return n, nil
}

// externalIDOf returns the external id in an encoded person, organisation or
// network (the first field of each).
func externalIDOf(v []byte) (string, error) {
	d := decoder{b: v}
	d.format()
	ext := d.str()
	return ext, d.err
}

// encodeRole encodes an affiliation or membership: role and since.
func encodeRole(role string, since *time.Time) []byte {
	e := encoder{make([]byte, 0, 16+len(role))}
	e.byte(valueFormat)
	e.str(role)
	e.optTime(since)
	return e.b
}

// decodeRole decodes an affiliation or membership value. intern, if not nil,
// maps role spellings to one shared string.
func decodeRole(v []byte, intern map[string]string) (string, *time.Time, error) {
	d := decoder{b: v}
	d.format()
	n := d.uvarint()
	if n > uint64(len(v)-d.off) {
		return "", nil, errCorrupt
	}
	raw := v[d.off : d.off+int(n)]
	d.off += int(n)
	role, ok := intern[string(raw)]
	if !ok {
		role = string(raw)
		if intern != nil {
			intern[role] = role
		}
	}
	since := d.optTime()
	return role, since, d.done()
}

func encodeTie(t *netgraph.Tie) []byte {
	e := encoder{make([]byte, 0, 32)}
	e.byte(valueFormat)
	var flags byte
	if t.From > t.To {
		flags |= flagReversed
	}
	if t.LastInteraction != nil {
		flags |= flagHasLast
	}
	e.byte(flags)
	e.float64(t.Strength)
	e.time(t.Since)
	if t.LastInteraction != nil {
		e.time(*t.LastInteraction)
	}
	return e.b
}

// tieValue is a decoded tie value; the ends and kind come from the key.
type tieValue struct {
	reversed bool
	hasLast  bool
	strength float64
	since    instant
	last     instant
}

func decodeTie(v []byte) (tieValue, error) {
	d := decoder{b: v}
	d.format()
	flags := d.byte()
	t := tieValue{reversed: flags&flagReversed != 0, hasLast: flags&flagHasLast != 0, strength: d.float64(), since: d.instant()}
	if t.hasLast {
		t.last = d.instant()
	}
	return t, d.done()
}

func encodePartnership(p *netgraph.Partnership) []byte {
	e := encoder{make([]byte, 0, 16)}
	e.byte(valueFormat)
	var flags byte
	if p.From > p.To {
		flags |= flagReversed
	}
	e.byte(flags)
	e.optTime(p.Since)
	return e.b
}

func decodePartnership(v []byte) (reversed bool, since *time.Time, err error) {
	d := decoder{b: v}
	d.format()
	reversed = d.byte()&flagReversed != 0
	since = d.optTime()
	return reversed, since, d.done()
}

// encodeAuditEntry encodes an audit entry, its time first so that a scan can
// read the time alone (auditTimeOf).
func encodeAuditEntry(a *netgraph.AuditEntry) []byte {
	e := encoder{make([]byte, 0, 64+len(a.Subject)+len(a.RequestID)+len(a.Operation)+32*len(a.IDs))}
	e.byte(valueFormat)
	e.time(a.At)
	e.str(a.Subject)
	e.str(string(a.Role))
	e.str(a.RequestID)
	e.str(a.Operation)
	e.strs(a.IDs)
	e.str(a.Kind)
	e.uvarint(uint64(a.Count))
	return e.b
}

func decodeAuditEntry(id string, v []byte) (netgraph.AuditEntry, error) {
	d := decoder{b: v, s: string(v)} // one copy, shared by every string
	d.format()
	a := netgraph.AuditEntry{ID: id, At: d.time(), Subject: d.str(), Role: netgraph.Role(d.str()), RequestID: d.str(),
		Operation: d.str()}
	a.IDs = d.strs()
	a.Kind = d.str()
	a.Count = int(d.uvarint())
	if err := d.done(); err != nil {
		return netgraph.AuditEntry{}, fmt.Errorf("audit entry %s: %w", id, err)
	}
	return a, nil
}

// auditTimeOf returns the time in an encoded audit entry without decoding
// the rest.
func auditTimeOf(v []byte) (time.Time, error) {
	d := decoder{b: v}
	d.format()
	t := d.time()
	return t, d.err
}

func encodeUint64(v uint64) []byte { return binary.BigEndian.AppendUint64(nil, v) }

func decodeUint64(b []byte) (uint64, error) {
	if len(b) != 8 {
		return 0, errCorrupt
	}
	return binary.BigEndian.Uint64(b), nil
}

// The store keeps times in UTC without monotonic readings and empty lists as
// nil, so that what a mutation returns equals what reads return later, before
// and after a restart.

func normPerson(p *netgraph.Person) {
	p.CreatedAt, p.UpdatedAt = utc(p.CreatedAt), utc(p.UpdatedAt)
	if len(p.Interests) == 0 {
		p.Interests = nil
	}
}

func normOrganisation(o *netgraph.Organisation) {
	o.CreatedAt, o.UpdatedAt = utc(o.CreatedAt), utc(o.UpdatedAt)
}

func normNetwork(n *netgraph.Network) {
	n.CreatedAt, n.UpdatedAt = utc(n.CreatedAt), utc(n.UpdatedAt)
	n.TermsOfReference, n.Memorandum = normDocument(n.TermsOfReference), normDocument(n.Memorandum)
}

// normDocument returns a copy of d with its review date in UTC: a copy, since
// an updated network shares its documents with the network it was copied from.
func normDocument(d *netgraph.Document) *netgraph.Document {
	if d == nil {
		return nil
	}
	c := *d
	c.ReviewDate = utcPtr(d.ReviewDate)
	return &c
}

func normTie(t *netgraph.Tie) {
	t.Since = utc(t.Since)
	t.LastInteraction = utcPtr(t.LastInteraction)
}

// normRecord normalises the entity in a record that Record.Clean made (and so
// owns).
func normRecord(r *netgraph.Record) {
	switch {
	case r.Person != nil:
		normPerson(r.Person)
	case r.Organisation != nil:
		normOrganisation(r.Organisation)
	case r.Network != nil:
		normNetwork(r.Network)
	case r.Tie != nil:
		normTie(r.Tie)
	case r.Affiliation != nil:
		r.Affiliation.Since = utcPtr(r.Affiliation.Since)
	case r.Membership != nil:
		r.Membership.Since = utcPtr(r.Membership.Since)
	case r.Partnership != nil:
		r.Partnership.Since = utcPtr(r.Partnership.Since)
	}
}

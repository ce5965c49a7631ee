package embedded

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math"
	"os"
	"runtime/debug"
)

// Damaged files.
//
// A store file can be damaged by a failing disk, a bad copy or a hand: Open
// refuses a damaged file with ErrDamaged and a message that says what is
// wrong, rather than serving wrong data, starting afresh in its place, or
// crashing:
//
//   - An empty file (0 bytes) is refused: bbolt would silently make it a new,
//     empty store, and an operator who lost the data would not be told.
//     A file of another format, or another program's bbolt file, is refused
//     too (init).
//   - bbolt commits by writing one of its two meta pages (the commit records),
//     alternately. If the newer one is damaged, bbolt silently opens the
//     older one: the last committed change, acknowledged to its caller, is
//     gone. Open reads both pages itself first (checkMetas) and refuses a
//     file with a damaged meta page whose transaction id says it was the
//     newer one, or whose id cannot be read, unless WithAcceptRollback.
//     Sector writes are atomic on the disks we run on, and the meta record
//     is 64 bytes at the start of its page, so a crash does not tear one: a
//     damaged meta page is damage.
//   - A file shorter than its commit record says is truncated.
//   - Values carry checksums (seal), verified as Open loads them.
//   - bbolt trusts its pages: a damaged branch page can make it panic or
//     read outside its memory map. Open and reads of the file run under
//     guard, which turns such a panic or fault into an error.

// WithAcceptRollback lets Open serve a file whose newest commit record is
// damaged, from the one before it: the last change committed before the
// damage is lost. The operator says so explicitly (`serve --accept-rollback`)
// after reading what Open refused; the next write repairs the record.
func WithAcceptRollback(on bool) Option { return func(s *Store) { s.acceptRollback = on } }

// bbolt's file format (go.etcd.io/bbolt/internal/common): each of pages 0
// and 1 starts with a 16-byte page header and then the meta record, whose
// last field is an FNV-64a checksum of the fields before it. Fields are in
// the machine's byte order, little-endian on every platform we build for.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSize       = 64 // magic … txid, checksum
	metaSumAt      = 56 // offset of the checksum in the record
)

// boltMeta is what checkMetas reads of a meta page.
type boltMeta struct {
	valid    bool
	pageSize int
	root     uint64 // the root bucket's page
	freelist uint64
	pgid     uint64 // pages in use: the file must hold at least pgid pages
	txid     uint64
}

func parseMeta(b []byte) boltMeta {
	if len(b) < pageHeaderSize+metaSize {
		return boltMeta{}
	}
	m := b[pageHeaderSize : pageHeaderSize+metaSize]
	le := binary.LittleEndian
	h := fnv.New64a()
	h.Write(m[:metaSumAt])
	return boltMeta{
		valid:    le.Uint32(m[0:]) == boltMagic && le.Uint32(m[4:]) == boltVersion && le.Uint64(m[metaSumAt:]) == h.Sum64(),
		pageSize: int(le.Uint32(m[8:])), root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:]),
		pgid: le.Uint64(m[40:]), txid: le.Uint64(m[48:]),
	}
}

// checkEmpty refuses an existing file of 0 bytes. A missing file is fine:
// Open creates it.
func checkEmpty(path string) error {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.Size() == 0 {
		return fmt.Errorf("%w: the file is empty (0 bytes); a store file is never empty, so this one was truncated "+
			"or is not a store (remove it to start a new, empty store)", ErrDamaged)
	}
	return nil
}

// checkMetas reads the two meta pages of the bbolt file at path. It returns
// an error wrapping ErrDamaged if the file is not a bbolt file, is shorter
// than its commit record says, or (unless acceptRollback) would open at an
// older commit than its newest because the newest meta page is damaged;
// rolledBack says that a meta page is damaged and the file opens at the
// other (with acceptRollback, or when the damaged one was the older).
func checkMetas(path string, acceptRollback bool) (rolledBack bool, err error) {
	_, rolledBack, err = checkFile(path, acceptRollback, nil)
	return rolledBack, err
}

// checkFile is checkMetas, returning the meta record bbolt will use, and
// then, if problem is not nil, walks the file's pages (walkPages), telling
// problem of each one wrong.
func checkFile(path string, acceptRollback bool, problem func(string)) (m boltMeta, rolledBack bool, err error) {
	f, err := os.Open(path)
	if err != nil {
		return m, false, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return m, false, err
	}
	size := fi.Size()
	read := func(off int64) boltMeta {
		b := make([]byte, pageHeaderSize+metaSize)
		if n, _ := f.ReadAt(b, off); n < len(b) {
			return boltMeta{}
		}
		return parseMeta(b)
	}
	m0, m1 := read(0), boltMeta{}
	if m0.valid {
		m1 = read(int64(m0.pageSize))
	} else {
		// The page size is in meta page 0; find page 1 at the usual
		// sizes, where its own record confirms the size.
		for _, ps := range []int{4096, 16384, 65536, 8192, 32768, 1024, 2048} {
			if m := read(int64(ps)); m.valid && m.pageSize == ps {
				m1 = m
				break
			}
		}
	}
	good, bad, badPage := m0, m1, 1
	if !m0.valid {
		good, bad, badPage = m1, m0, 0
	}
	switch {
	case !good.valid:
		return m, false, fmt.Errorf("%w: neither of its two commit records (bbolt meta pages 0 and 1) is valid: "+
			"not a netgraph store file, or damaged beyond use", ErrDamaged)
	case !bad.valid:
		rolledBack = true
		// Page p holds the transactions whose id is p modulo 2: the
		// damaged page held the one before good, which is harmless to
		// lose, or the one after it, which is the last commit.
		if bad.txid != good.txid-1 && !acceptRollback {
			what := "its transaction id cannot be read"
			if bad.txid == good.txid+1 {
				what = fmt.Sprintf("it recorded transaction %d, the newest", bad.txid)
			}
			return m, true, fmt.Errorf("%w: its newest commit record may be lost: bbolt meta page %d is damaged (%s), so the "+
				"file would open at transaction %d and silently lose the last change committed before the damage; restore "+
				"the file from a backup, or accept the loss explicitly (netgraph serve --accept-rollback)",
				ErrDamaged, badPage, what, good.txid)
		}
	case m1.txid > m0.txid:
		good = m1
	}
	if need := int64(good.pgid) * int64(good.pageSize); size < need {
		return good, rolledBack, fmt.Errorf("%w: the file is truncated: it has %d bytes, but its commit record (transaction %d) "+
			"uses %d pages of %d bytes (%d bytes)", ErrDamaged, size, good.txid, good.pgid, good.pageSize, need)
	}
	if problem != nil {
		walkPages(f, good, problem)
	}
	return good, rolledBack, nil
}

// checkPages walks the pages of the bbolt file at path (walkPages) and
// returns the first problem as an error wrapping ErrDamaged. Open runs it
// before bbolt reads the pages: bbolt follows page references without
// checking them, and a cycle or a reference past the end of the file makes
// it loop, overflow its stack or fault, which no recover can catch.
func checkPages(path string) error {
	var first string
	_, _, err := checkFile(path, true, func(p string) {
		if first == "" {
			first = p
		}
	})
	if err == nil && first != "" {
		err = fmt.Errorf("%w: %s", ErrDamaged, first)
	}
	return err
}

// walkPages follows every page reference of the bbolt file f from the root
// bucket of meta record m, without trusting any: each page must lie within
// the pages in use, be referenced once, carry its own id, be a branch or
// leaf page whose elements lie within it, and buckets must nest only as
// deep as netgraph's (one level). It tells problem of each page that is
// not, and does not descend into it.
func walkPages(f *os.File, m boltMeta, problem func(string)) {
	ps := uint64(m.pageSize)
	seen := make(map[uint64]bool)
	le := binary.LittleEndian
	var walk func(id uint64, bucket string, depth, level int)
	// readPage reads page id into the buffer of its level of the tree, so
	// that a walk allocates one page per level, not one per page.
	var bufs [][]byte
	readPage := func(id uint64, level int) []byte {
		for len(bufs) <= level {
			bufs = append(bufs, make([]byte, ps))
		}
		b := bufs[level][:ps]
		if _, err := f.ReadAt(b, int64(id*ps)); err != nil {
			return nil
		}
		overflow := uint64(le.Uint32(b[12:]))
		if id+overflow >= m.pgid {
			return nil
		}
		if n := (overflow + 1) * ps; n > ps {
			if uint64(cap(bufs[level])) < n {
				bufs[level] = make([]byte, n)
			}
			b = bufs[level][:n]
			if _, err := f.ReadAt(b, int64(id*ps)); err != nil {
				return nil
			}
		}
		return b
	}
	// elements checks the page's element table and calls fn with each
	// element's key and value (nil value and the child for a branch).
	elements := func(p []byte, where func() string, fn func(i int, key, value []byte, flags uint32, child uint64) bool) bool {
		count := int(le.Uint16(p[10:]))
		if pageHeaderSize+16*count > len(p) {
			problem(fmt.Sprintf("%s: %d elements do not fit in the page", where(), count))
			return false
		}
		branch := le.Uint16(p[8:]) == 0x01
		for i := range count {
			e := pageHeaderSize + 16*i
			var flags, pos, ksize, vsize uint32
			var child uint64
			if branch {
				pos, ksize, child = le.Uint32(p[e:]), le.Uint32(p[e+4:]), le.Uint64(p[e+8:])
			} else {
				flags, pos, ksize, vsize = le.Uint32(p[e:]), le.Uint32(p[e+4:]), le.Uint32(p[e+8:]), le.Uint32(p[e+12:])
			}
			start := uint64(e) + uint64(pos)
			if end := start + uint64(ksize) + uint64(vsize); end > uint64(len(p)) {
				problem(fmt.Sprintf("%s: element %d runs past the end of the page", where(), i))
				return false
			}
			key := p[start : start+uint64(ksize)]
			var value []byte
			if !branch {
				value = p[start+uint64(ksize) : start+uint64(ksize)+uint64(vsize)]
			}
			if !fn(i, key, value, flags, child) {
				return false
			}
		}
		return true
	}
	var leaf func(p []byte, where func() string, bucket string, depth, level int)
	leaf = func(p []byte, where func() string, bucket string, depth, level int) {
		elements(p, where, func(i int, key, value []byte, flags uint32, _ uint64) bool {
			if flags&0x01 == 0 { // a key and value
				return true
			}
			name := string(key)
			if depth > 0 {
				problem(fmt.Sprintf("%s: bucket %q nested in bucket %s, which netgraph never writes", where(), name, bucket))
				return false
			}
			if len(value) < 16 {
				problem(fmt.Sprintf("%s: bucket %q has a short header", where(), name))
				return false
			}
			if root := le.Uint64(value); root != 0 {
				walk(root, name, depth+1, level+1)
			} else if inline := value[16:]; len(inline) < pageHeaderSize || le.Uint16(inline[8:]) != 0x02 {
				problem(fmt.Sprintf("%s: bucket %q is inline but not a leaf page", where(), name))
			} else {
				leaf(inline, func() string { return fmt.Sprintf("bucket %q (inline)", name) }, name, depth+1, level)
			}
			return true
		})
	}
	walk = func(id uint64, bucket string, depth, level int) {
		where := func() string {
			if bucket == "" {
				return fmt.Sprintf("page %d (the root bucket)", id)
			}
			return fmt.Sprintf("page %d (bucket %s)", id, bucket)
		}
		switch {
		case id < 2 || id >= m.pgid:
			problem(fmt.Sprintf("%s: a reference to page %d, outside the %d pages in use", where(), id, m.pgid))
			return
		case seen[id]:
			problem(fmt.Sprintf("%s: referenced twice (a loop, or pages shared between places)", where()))
			return
		case level > 64: // a tree of 4 KiB pages 64 levels deep would hold more than the disk
			problem(fmt.Sprintf("%s: %d levels deep", where(), level))
			return
		}
		seen[id] = true
		p := readPage(id, level)
		if p == nil {
			problem(fmt.Sprintf("%s: runs past the pages in use", where()))
			return
		}
		if got := le.Uint64(p); got != id {
			problem(fmt.Sprintf("%s: holds page %d's header (zeroed or overwritten)", where(), got))
			return
		}
		for i := range uint64(le.Uint32(p[12:])) { // overflow pages
			seen[id+1+i] = true
		}
		switch le.Uint16(p[8:]) {
		case 0x01: // branch
			elements(p, where, func(_ int, _, _ []byte, _ uint32, child uint64) bool {
				walk(child, bucket, depth, level+1)
				return true
			})
		case 0x02: // leaf
			leaf(p, where, bucket, depth, level)
		default:
			problem(fmt.Sprintf("%s: not a branch or leaf page (flags %#x)", where(), le.Uint16(p[8:])))
		}
	}
	walk(m.root, "", 0, 0)

	// The free pages: bbolt writes new pages onto them, so one that is in
	// use, or past the end, would have a write destroy data or fail.
	if m.freelist == math.MaxUint64 { // not written (NoFreelistSync)
		return
	}
	where := fmt.Sprintf("page %d (the free-page list)", m.freelist)
	if m.freelist < 2 || m.freelist >= m.pgid || seen[m.freelist] {
		problem(fmt.Sprintf("%s: outside the pages in use, or in use by a bucket", where))
		return
	}
	p := readPage(m.freelist, 0)
	switch {
	case p == nil:
		problem(fmt.Sprintf("%s: runs past the pages in use", where))
		return
	case le.Uint64(p) != m.freelist || le.Uint16(p[8:]) != 0x10:
		problem(fmt.Sprintf("%s: is not a free-page list (zeroed or overwritten)", where))
		return
	}
	for i := range uint64(le.Uint32(p[12:])) + 1 {
		seen[m.freelist+i] = true
	}
	first, count := uint64(0), uint64(le.Uint16(p[10:]))
	if count == 0xFFFF { // the count is the first element
		first, count = 1, le.Uint64(p[pageHeaderSize:])
	}
	if pageHeaderSize+8*(first+count) > uint64(len(p)) {
		problem(fmt.Sprintf("%s: %d entries do not fit in it", where, count))
		return
	}
	for i := first; i < first+count; i++ {
		id := le.Uint64(p[pageHeaderSize+8*i:])
		switch {
		case id < 2 || id >= m.pgid:
			problem(fmt.Sprintf("%s: lists page %d as free, outside the %d pages in use", where, id, m.pgid))
			return
		case seen[id]:
			problem(fmt.Sprintf("%s: lists page %d as free, but it is in use (or listed twice)", where, id))
			return
		}
		seen[id] = true
	}
}

// guard runs fn and turns a panic in it, or a memory fault (a damaged page
// read outside bbolt's memory map), into an error wrapping ErrDamaged. A
// fault is only recoverable with SetPanicOnFault, which guard sets for the
// goroutine while fn runs.
func guard(what string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %s panicked (a damaged page, or a bug): %v", ErrDamaged, what, r)
		}
	}()
	return fn()
}

package storetest

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"sync/atomic"

	"github.com/netgraph/netgraph"
)

var concurrencyTests = []test{
	{"Concurrent/WritersAndReaders", func(f *fixture) {
		const writers, readers, peopleEach, tiesEach = 8, 4, 12, 20
		v0 := f.version()
		var (
			mu        sync.Mutex
			all       []string // people created so far
			connected atomic.Int64
			conflicts atomic.Int64
		)
		// Ties join the first few people created, so that writers collide.
		pick := func(rng *rand.Rand) (string, string) {
			mu.Lock()
			defer mu.Unlock()
			n := min(len(all), 12)
			return all[rng.IntN(n)], all[rng.IntN(n)]
		}
		var writersDone, readersDone sync.WaitGroup
		for w := range writers {
			writersDone.Go(func() {
				rng := rand.New(rand.NewPCG(uint64(w), 7))
				for i := range peopleEach {
					p, err := f.s.CreatePerson(f.ctx, netgraph.PersonCreate{Name: fmt.Sprintf("W%d P%d", w, i)})
					if err != nil {
						f.t.Errorf("writer %d: CreatePerson: %v", w, err)
						return
					}
					mu.Lock()
					all = append(all, p.ID)
					mu.Unlock()
				}
				for range tiesEach {
					a, b := pick(rng)
					if a == b {
						continue
					}
					kind := netgraph.TieKinds[rng.IntN(2)]
					_, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: a, To: b, Kind: kind})
					switch netgraph.ErrorCode(err) {
					case "":
						connected.Add(1)
					case netgraph.ECONFLICT:
						conflicts.Add(1)
					default:
						f.t.Errorf("writer %d: Connect: %v", w, err)
					}
				}
			})
		}
		stop := make(chan struct{})
		for r := range readers {
			readersDone.Go(func() {
				rng := rand.New(rand.NewPCG(uint64(r), 11))
				var lastVersion uint64
				lastTotal := 0
				for {
					select {
					case <-stop:
						return
					default:
					}
					v, err := f.s.DataVersion(f.ctx)
					if err != nil || v < lastVersion {
						f.t.Errorf("reader %d: DataVersion %d after %d, %v", r, v, lastVersion, err)
						return
					}
					lastVersion = v
					l, err := f.s.People(f.ctx, netgraph.PersonFilter{}, netgraph.Page{First: 20})
					if err != nil || l.TotalCount < lastTotal {
						f.t.Errorf("reader %d: People: total %v after %d, %v", r, l, lastTotal, err)
						return
					}
					lastTotal = l.TotalCount
					mu.Lock()
					if len(all) == 0 {
						mu.Unlock()
						continue
					}
					sample := []string{all[rng.IntN(len(all))], all[rng.IntN(len(all))]}
					mu.Unlock()
					people, err := f.s.PeopleByID(f.ctx, sample)
					if err != nil || people[0] == nil || people[1] == nil {
						f.t.Errorf("reader %d: PeopleByID(%v): %v, %v", r, sample, show(people), err)
						return
					}
					ties, err := f.s.TiesByPerson(f.ctx, sample)
					if err != nil {
						f.t.Errorf("reader %d: TiesByPerson: %v", r, err)
						return
					}
					for i, ts := range ties {
						for _, t := range ts {
							if t.From != sample[i] && t.To != sample[i] {
								f.t.Errorf("reader %d: tie %s listed for %s", r, show(t), sample[i])
							}
						}
					}
				}
			})
		}
		writersDone.Wait()
		close(stop)
		readersDone.Wait()
		if f.t.Failed() {
			return
		}

		recs, v := f.graph()
		nPeople, nTies := 0, 0
		keys := make(map[netgraph.TieKey]bool)
		for _, r := range recs {
			switch {
			case r.Person != nil:
				nPeople++
			case r.Tie != nil:
				nTies++
				if keys[r.Tie.Key()] {
					f.t.Errorf("tie %v stored twice", r.Tie.Key())
				}
				keys[r.Tie.Key()] = true
			}
		}
		if nPeople != writers*peopleEach || int64(nTies) != connected.Load() {
			f.t.Errorf("%d people, %d ties; want %d, %d", nPeople, nTies, writers*peopleEach, connected.Load())
		}
		if want := v0 + uint64(writers*peopleEach) + uint64(connected.Load()); v != want {
			f.t.Errorf("version %d; want %d (one per successful mutation)", v, want)
		}
		f.t.Logf("%d ties, %d conflicts", connected.Load(), conflicts.Load())
	}},
	{"Concurrent/DeleteWhileConnecting", func(f *fixture) {
		const people, connectors = 30, 4
		var everyone []string
		for i := range people {
			everyone = append(everyone, f.person(fmt.Sprintf("P%d", i)).ID)
		}
		doomed := everyone[:people/2]
		var wg sync.WaitGroup
		for c := range connectors {
			wg.Go(func() {
				rng := rand.New(rand.NewPCG(uint64(c), 3))
				for range 30 {
					a, b := everyone[rng.IntN(people)], everyone[rng.IntN(people)]
					if a == b {
						continue
					}
					_, err := f.s.Connect(f.ctx, netgraph.TieCreate{From: a, To: b})
					if code := netgraph.ErrorCode(err); code != "" && code != netgraph.ECONFLICT && code != netgraph.ENOTFOUND {
						f.t.Errorf("Connect: %v", err)
					}
				}
			})
		}
		wg.Go(func() {
			for _, id := range doomed {
				if err := f.s.DeletePerson(f.ctx, id); err != nil {
					f.t.Errorf("DeletePerson: %v", err)
				}
			}
		})
		wg.Wait()
		gone := make(map[string]bool)
		for _, id := range doomed {
			gone[id] = true
		}
		recs, _ := f.graph()
		for _, r := range recs {
			if r.Person != nil && gone[r.Person.ID] {
				f.t.Errorf("deleted person %s still streamed", r.Person.ID)
			}
			if r.Tie != nil && (gone[r.Tie.From] || gone[r.Tie.To]) {
				f.t.Errorf("tie %s to a deleted person survived", show(r.Tie))
			}
		}
		for i, ts := range f.ties(everyone...) {
			for _, t := range ts {
				if gone[t.Other(everyone[i])] {
					f.t.Errorf("TiesByPerson(%s) lists a tie to deleted %s", everyone[i], t.Other(everyone[i]))
				}
			}
		}
	}},
}

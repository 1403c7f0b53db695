package featurescopedriftconnector // import "github.com/featurescope/featurescope/collector/featurescopedriftconnector"

// slot holds the bin counts of one resolution-wide slice of time.
type slot struct {
	id     int64 // timestamp / resolution; 0 = never used
	counts []float64
}

// slidingWindow sums bin counts over the last len(slots) slots: a ring indexed by slot id, so a
// slot is reused (and zeroed) once it has left the window.
type slidingWindow struct {
	slots  []slot
	newest int64
}

func newSlidingWindow(nSlots int) *slidingWindow {
	return &slidingWindow{slots: make([]slot, nSlots)}
}

// add puts count into bin of the slot slotID; false when the slot already left the window.
func (w *slidingWindow) add(slotID int64, bin int, count float64) bool {
	n := int64(len(w.slots))
	if slotID <= w.newest-n {
		return false
	}
	s := &w.slots[slotID%n]
	switch {
	case s.id == slotID:
	case s.id > slotID:
		return false
	default:
		s.id = slotID
		clear(s.counts)
	}
	if bin >= len(s.counts) {
		s.counts = append(s.counts, make([]float64, bin+1-len(s.counts))...)
	}
	s.counts[bin] += count
	w.newest = max(w.newest, slotID)
	return true
}

// sum adds the counts of every slot inside the window ending at slot nowID into out (len = bins).
func (w *slidingWindow) sum(nowID int64, out []float64) {
	oldest := nowID - int64(len(w.slots))
	for i := range w.slots {
		s := &w.slots[i]
		if s.id <= oldest || s.id == 0 {
			continue
		}
		for bin, c := range s.counts {
			if bin < len(out) {
				out[bin] += c
			}
		}
	}
}

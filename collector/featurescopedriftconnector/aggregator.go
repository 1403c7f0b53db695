package featurescopedriftconnector // import "github.com/featurescope/featurescope/collector/featurescopedriftconnector"

import "time"

// featureKey identifies one fleet-wide feature: counts from every replica with the same key are
// summed. The baseline id is part of it: counts ranked against different baselines do not mix.
type featureKey struct {
	Collection, Feature, Source, BaselineID string
}

// baselineKey identifies the baseline whose sample size N the chi-square test needs.
type baselineKey struct {
	Collection, Feature, BaselineID string
}

// streamKey identifies one replica's cumulative counter series (resource + point attributes).
type streamKey struct {
	resource [16]byte
	point    uint64
}

type stream struct {
	feature  *feature
	start    int64 // the cumulative series' start time, ns
	last     float64
	lastTime int64 // timestamp of the last point, ns
}

type feature struct {
	window   *slidingWindow
	bins     int // highest bin index seen + 1
	streams  int
	lastTime int64
}

type baseline struct {
	count    float64
	lastTime int64
}

// outcome says what happened to one observed point, for the component's own telemetry.
type outcome int

const (
	counted outcome = iota
	countedAfterReset
	droppedStreamLimit
	droppedOutOfOrder
	droppedTooOld
)

// aggregator turns cumulative bin counters into per-feature windowed sums. Not safe for concurrent
// use: the connector holds its mutex around every call.
type aggregator struct {
	window     int64 // ns
	resolution int64 // ns
	idle       int64 // ns
	maxStreams int
	streams    map[streamKey]*stream
	features   map[featureKey]*feature
	baselines  map[baselineKey]*baseline
}

func newAggregator(cfg *Config) *aggregator {
	return &aggregator{
		window:     int64(cfg.Window),
		resolution: int64(cfg.Resolution),
		idle:       int64(cfg.StreamIdleTimeout),
		maxStreams: cfg.MaxStreams,
		streams:    map[streamKey]*stream{},
		features:   map[featureKey]*feature{},
		baselines:  map[baselineKey]*baseline{},
	}
}

// observeCount takes one point of a bin counter. Cumulative points become deltas against the
// stream's previous point; a lower value or a new start time is a reset (the replica restarted),
// after which the whole value is new. A stream's first cumulative point counts in full only when
// its series started within the window (a replica that started recently); otherwise it is the
// reference for the next point.
func (a *aggregator) observeCount(sk streamKey, fk featureKey, bin int, start, ts int64, value float64, cumulative bool) outcome {
	st, known := a.streams[sk]
	delta, result := value, counted
	switch {
	case !known:
		if len(a.streams) >= a.maxStreams {
			return droppedStreamLimit
		}
		st = &stream{feature: a.featureFor(fk)}
		st.feature.streams++
		a.streams[sk] = st
		if cumulative && (start <= 0 || ts-start > a.window) {
			delta = 0
		}
	case !cumulative:
	case ts < st.lastTime && (start == st.start || start == 0):
		return droppedOutOfOrder
	case value < st.last || (start != 0 && start != st.start):
		result = countedAfterReset
	default:
		delta = value - st.last
	}
	st.start, st.last, st.lastTime = start, value, max(st.lastTime, ts)
	f := st.feature
	f.bins = max(f.bins, bin+1)
	f.lastTime = max(f.lastTime, ts)
	if delta > 0 && !f.window.add(ts/a.resolution, bin, delta) {
		return droppedTooOld
	}
	return result
}

func (a *aggregator) featureFor(fk featureKey) *feature {
	f, ok := a.features[fk]
	if !ok {
		f = &feature{window: newSlidingWindow(int(a.window / a.resolution))}
		a.features[fk] = f
	}
	return f
}

// observeBaseline records a baseline's sample size (the newest point wins).
func (a *aggregator) observeBaseline(bk baselineKey, ts int64, count float64) {
	b, ok := a.baselines[bk]
	if !ok {
		b = &baseline{}
		a.baselines[bk] = b
	}
	if ts >= b.lastTime {
		b.count, b.lastTime = count, ts
	}
}

// featureWindow is one feature's window, copied out of the aggregator for computing outside the lock.
type featureWindow struct {
	key           featureKey
	counts        []float64
	baselineCount float64
}

// evict forgets streams, features and baselines not seen for the idle timeout before now.
func (a *aggregator) evict(now time.Time) (streams, features int) {
	cutoff := now.UnixNano() - a.idle
	for sk, st := range a.streams {
		if st.lastTime < cutoff {
			st.feature.streams--
			delete(a.streams, sk)
			streams++
		}
	}
	for fk, f := range a.features {
		if f.streams == 0 {
			delete(a.features, fk)
			features++
		}
	}
	for bk, b := range a.baselines {
		if b.lastTime < cutoff {
			delete(a.baselines, bk)
		}
	}
	return streams, features
}

// windows copies every feature's counts summed over the window ending at now.
func (a *aggregator) windows(now time.Time) []featureWindow {
	nowID := now.UnixNano() / a.resolution
	out := make([]featureWindow, 0, len(a.features))
	for fk, f := range a.features {
		fw := featureWindow{key: fk, counts: make([]float64, f.bins)}
		f.window.sum(nowID, fw.counts)
		if b, ok := a.baselines[baselineKey{fk.Collection, fk.Feature, fk.BaselineID}]; ok {
			fw.baselineCount = b.count
		}
		out = append(out, fw)
	}
	return out
}

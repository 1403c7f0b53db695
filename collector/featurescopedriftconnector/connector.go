package featurescopedriftconnector // import "github.com/featurescope/featurescope/collector/featurescopedriftconnector"

import (
	"context"
	"strconv"
	"sync"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/connector"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/pmetric"
	"go.uber.org/zap"

	"github.com/cespare/xxhash/v2"

	"github.com/featurescope/featurescope/collector/featurescopedriftconnector/internal/metadata"
	"github.com/open-telemetry/opentelemetry-collector-contrib/pkg/pdatautil"
)

// The instruments and attributes featurescope exports (DRIFT-METRICS, docs/telemetry.md).
const (
	binMetric      = "featurescope.drift.bin.values"
	baselineMetric = "featurescope.baseline.values"
	attrCollection = "db.collection.name"
	attrFeature    = "featurescope.feature.name"
	attrSource     = "featurescope.source"
	attrBaseline   = "featurescope.baseline.id"
	attrBin        = "featurescope.drift.bin"
)

type driftConnector struct {
	cfg       *Config
	next      consumer.Metrics
	logger    *zap.Logger
	telemetry *metadata.TelemetryBuilder

	mu  sync.Mutex // guards agg; held only while points are folded in or windows copied out
	agg *aggregator

	cancel context.CancelFunc
	done   chan struct{}
}

func newConnector(set connector.Settings, cfg *Config, next consumer.Metrics) (*driftConnector, error) {
	tb, err := metadata.NewTelemetryBuilder(set.TelemetrySettings)
	if err != nil {
		return nil, err
	}
	return &driftConnector{cfg: cfg, next: next, logger: set.Logger, telemetry: tb, agg: newAggregator(cfg)}, nil
}

func (c *driftConnector) Capabilities() consumer.Capabilities {
	return consumer.Capabilities{MutatesData: false}
}

// Start emits every feature's gauges each emit_interval until Shutdown.
func (c *driftConnector) Start(_ context.Context, _ component.Host) error {
	ctx, cancel := context.WithCancel(context.Background())
	c.cancel, c.done = cancel, make(chan struct{})
	go func() {
		defer close(c.done)
		ticker := time.NewTicker(c.cfg.EmitInterval)
		defer ticker.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case now := <-ticker.C:
				if err := c.emit(ctx, now); err != nil {
					c.logger.Warn("featurescopedrift: emitting fleet drift failed", zap.Error(err))
				}
			}
		}
	}()
	return nil
}

func (c *driftConnector) Shutdown(context.Context) error {
	if c.cancel != nil {
		c.cancel()
		<-c.done
		c.cancel = nil
	}
	c.telemetry.Shutdown()
	return nil
}

// pointRecord is one input point, read out of pdata before the lock is taken.
type pointRecord struct {
	stream     streamKey
	feature    featureKey
	bin        int
	start, ts  int64
	value      float64
	cumulative bool
}

// ConsumeMetrics folds the drift bin counters and baseline sizes in; everything else is ignored
// (route only those two metrics here, see collector-config/README.md).
func (c *driftConnector) ConsumeMetrics(ctx context.Context, md pmetric.Metrics) error {
	records := make([]pointRecord, 0, md.DataPointCount())
	var baselines []baselinePoint
	malformed := 0
	for _, rm := range md.ResourceMetrics().All() {
		var resourceHash [16]byte
		hashed := false
		for _, sm := range rm.ScopeMetrics().All() {
			for _, m := range sm.Metrics().All() {
				switch {
				case m.Name() == binMetric && m.Type() == pmetric.MetricTypeSum && m.Sum().IsMonotonic():
					if !hashed {
						resourceHash, hashed = pdatautil.MapHash(rm.Resource().Attributes()), true
					}
					cumulative := m.Sum().AggregationTemporality() == pmetric.AggregationTemporalityCumulative
					for _, dp := range m.Sum().DataPoints().All() {
						r, ok := readBinPoint(resourceHash, dp, cumulative, c.cfg.MaxBins)
						if !ok {
							malformed++
							continue
						}
						records = append(records, r)
					}
				case m.Name() == baselineMetric && m.Type() == pmetric.MetricTypeGauge:
					for _, dp := range m.Gauge().DataPoints().All() {
						baselines = append(baselines, readBaselinePoint(dp))
					}
				}
			}
		}
	}
	c.fold(ctx, records, baselines, malformed)
	return nil
}

type baselinePoint struct {
	key   baselineKey
	ts    int64
	count float64
}

func readBinPoint(resourceHash [16]byte, dp pmetric.NumberDataPoint, cumulative bool, maxBins int) (pointRecord, bool) {
	attrs := dp.Attributes()
	binValue, ok := attrs.Get(attrBin)
	if !ok {
		return pointRecord{}, false
	}
	bin, err := strconv.Atoi(binValue.AsString())
	if err != nil || bin < 0 || bin >= maxBins {
		return pointRecord{}, false
	}
	value := dp.DoubleValue()
	if dp.ValueType() == pmetric.NumberDataPointValueTypeInt {
		value = float64(dp.IntValue())
	}
	if value < 0 || value != value {
		return pointRecord{}, false
	}
	fk := featureKey{str(attrs, attrCollection), str(attrs, attrFeature), str(attrs, attrSource), str(attrs, attrBaseline)}
	return pointRecord{
		stream:     pointStreamKey(resourceHash, fk, bin, attrs),
		feature:    fk,
		bin:        bin,
		start:      int64(dp.StartTimestamp()),
		ts:         int64(dp.Timestamp()),
		value:      value,
		cumulative: cumulative,
	}, true
}

// pointStreamKey identifies a point's stream without hashing the whole attribute map on the common
// path: the resource hash plus the feature and bin; other point attributes, if any, are hashed too.
func pointStreamKey(resourceHash [16]byte, fk featureKey, bin int, attrs pcommon.Map) streamKey {
	d := xxhash.New()
	for _, s := range [...]string{fk.Collection, fk.Feature, fk.Source, fk.BaselineID} {
		_, _ = d.WriteString(s)
		_, _ = d.Write([]byte{0})
	}
	_, _ = d.Write([]byte{byte(bin), byte(bin >> 8)})
	if attrs.Len() > 5 {
		extra := pdatautil.MapHash(attrs)
		_, _ = d.Write(extra[:])
	}
	return streamKey{resource: resourceHash, point: d.Sum64()}
}

func readBaselinePoint(dp pmetric.NumberDataPoint) baselinePoint {
	attrs := dp.Attributes()
	count := dp.DoubleValue()
	if dp.ValueType() == pmetric.NumberDataPointValueTypeInt {
		count = float64(dp.IntValue())
	}
	return baselinePoint{baselineKey{str(attrs, attrCollection), str(attrs, attrFeature), str(attrs, attrBaseline)}, int64(dp.Timestamp()), count}
}

func str(attrs pcommon.Map, key string) string {
	if v, ok := attrs.Get(key); ok {
		return v.AsString()
	}
	return ""
}

func (c *driftConnector) fold(ctx context.Context, records []pointRecord, baselines []baselinePoint, dropped int) {
	var countedN, resets int
	c.mu.Lock()
	streamsBefore, featuresBefore := len(c.agg.streams), len(c.agg.features)
	for _, r := range records {
		switch c.agg.observeCount(r.stream, r.feature, r.bin, r.start, r.ts, r.value, r.cumulative) {
		case counted:
			countedN++
		case countedAfterReset:
			countedN++
			resets++
		default:
			dropped++
		}
	}
	for _, b := range baselines {
		c.agg.observeBaseline(b.key, b.ts, b.count)
	}
	newStreams, newFeatures := len(c.agg.streams)-streamsBefore, len(c.agg.features)-featuresBefore
	c.mu.Unlock()
	c.telemetry.FeaturescopedriftPointsCounted.Add(ctx, int64(countedN))
	c.telemetry.FeaturescopedriftResets.Add(ctx, int64(resets))
	c.telemetry.FeaturescopedriftPointsDropped.Add(ctx, int64(dropped))
	c.telemetry.FeaturescopedriftStreams.Add(ctx, int64(newStreams))
	c.telemetry.FeaturescopedriftFeatures.Add(ctx, int64(newFeatures))
}

// emit evicts idle state, then sends every feature's fleet gauges as of now.
func (c *driftConnector) emit(ctx context.Context, now time.Time) error {
	c.mu.Lock()
	evictedStreams, evictedFeatures := c.agg.evict(now)
	windows := c.agg.windows(now)
	c.mu.Unlock()
	c.telemetry.FeaturescopedriftStreams.Add(ctx, -int64(evictedStreams))
	c.telemetry.FeaturescopedriftFeatures.Add(ctx, -int64(evictedFeatures))
	if len(windows) == 0 {
		return nil
	}
	return c.next.ConsumeMetrics(ctx, buildGauges(windows, c.cfg.Rule, pcommon.NewTimestampFromTime(now)))
}

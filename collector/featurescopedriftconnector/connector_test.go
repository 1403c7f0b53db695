package featurescopedriftconnector

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/connector"
	"go.opentelemetry.io/collector/connector/connectortest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/pmetric"

	"github.com/open-telemetry/opentelemetry-collector-contrib/pkg/golden"
	"github.com/open-telemetry/opentelemetry-collector-contrib/pkg/pdatatest/pmetrictest"
)

// t0 is the golden cases' clock: every input point and the emission time derive from it.
var t0 = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

// replicaExport is one OTLP export of one replica: its cumulative bin counts for one feature.
type replicaExport struct {
	instance string
	feature  string
	start    time.Time
	at       time.Time
	counts   []int64
	baseline int64 // featurescope.baseline.values; 0 = not exported
}

func exportMetrics(exports ...replicaExport) pmetric.Metrics {
	md := pmetric.NewMetrics()
	for _, e := range exports {
		rm := md.ResourceMetrics().AppendEmpty()
		rm.Resource().Attributes().PutStr("service.name", "fraud-scoring")
		rm.Resource().Attributes().PutStr("service.instance.id", e.instance)
		sm := rm.ScopeMetrics().AppendEmpty()
		sm.Scope().SetName("@featurescope/quality")
		m := sm.Metrics().AppendEmpty()
		m.SetName(binMetric)
		m.SetUnit("{value}")
		sum := m.SetEmptySum()
		sum.SetIsMonotonic(true)
		sum.SetAggregationTemporality(pmetric.AggregationTemporalityCumulative)
		for bin, c := range e.counts {
			dp := sum.DataPoints().AppendEmpty()
			dp.SetStartTimestamp(pcommon.NewTimestampFromTime(e.start))
			dp.SetTimestamp(pcommon.NewTimestampFromTime(e.at))
			dp.SetIntValue(c)
			putFeature(dp.Attributes(), e.feature)
			dp.Attributes().PutStr(attrSource, "inline")
			dp.Attributes().PutStr(attrBin, fmt.Sprintf("%02d", bin))
		}
		if e.baseline > 0 {
			g := sm.Metrics().AppendEmpty()
			g.SetName(baselineMetric)
			dp := g.SetEmptyGauge().DataPoints().AppendEmpty()
			dp.SetTimestamp(pcommon.NewTimestampFromTime(e.at))
			dp.SetIntValue(e.baseline)
			putFeature(dp.Attributes(), e.feature)
		}
	}
	return md
}

func putFeature(attrs pcommon.Map, feature string) {
	attrs.PutStr(attrCollection, "txn")
	attrs.PutStr(attrFeature, feature)
	attrs.PutStr(attrBaseline, "b1a2c3")
}

// uniform returns B bins of c each, skewed adds s to the last bin.
func uniform(c int64, skew int64) []int64 {
	out := make([]int64, 20)
	for i := range out {
		out[i] = c
	}
	out[19] += skew
	return out
}

func scale(counts []int64, k int64) []int64 {
	out := make([]int64, len(counts))
	for i, c := range counts {
		out[i] = c * k
	}
	return out
}

type goldenCase struct {
	name    string
	exports [][]replicaExport // one ConsumeMetrics call per element
	emitAt  time.Time
	// wantCounts is the window each feature must hold, computed by hand from the exports.
	wantCounts map[string][]int64
}

var goldenCases = []goldenCase{
	{
		name: "two-replicas",
		exports: [][]replicaExport{
			{{"pod-a", "amount", t0, t0.Add(time.Minute), uniform(10, 0), 10000}, {"pod-b", "amount", t0, t0.Add(time.Minute), uniform(5, 40), 0}},
			{{"pod-a", "amount", t0, t0.Add(2 * time.Minute), uniform(20, 30), 10000}, {"pod-b", "amount", t0, t0.Add(2 * time.Minute), uniform(10, 80), 0}},
		},
		emitAt: t0.Add(3 * time.Minute),
		// Cumulative: the last point of each replica (both started inside the window).
		wantCounts: map[string][]int64{"amount": sumCounts(uniform(20, 30), uniform(10, 80))},
	},
	{
		name: "replica-restart",
		exports: [][]replicaExport{
			{{"pod-a", "amount", t0, t0.Add(time.Minute), uniform(30, 0), 10000}},
			// Restarted: a new start time and lower values; everything since the restart is new.
			{{"pod-a", "amount", t0.Add(90 * time.Second), t0.Add(2 * time.Minute), uniform(4, 100), 10000}},
		},
		emitAt:     t0.Add(3 * time.Minute),
		wantCounts: map[string][]int64{"amount": sumCounts(uniform(30, 0), uniform(4, 100))},
	},
	{
		name: "window-slides",
		exports: [][]replicaExport{
			// A long-running replica: its first point is only the reference.
			{{"pod-a", "amount", t0.Add(-24 * time.Hour), t0, uniform(1000, 0), 10000}},
			{{"pod-a", "amount", t0.Add(-24 * time.Hour), t0.Add(10 * time.Minute), sumCounts(uniform(1000, 0), uniform(50, 0)), 10000}},
			{{"pod-a", "amount", t0.Add(-24 * time.Hour), t0.Add(70 * time.Minute), sumCounts(uniform(1050, 0), uniform(3, 200)), 10000}},
		},
		// Window 1 h: at 9:80 the 9:10 slot has left; only the 10:10 counts remain.
		emitAt:     t0.Add(80 * time.Minute),
		wantCounts: map[string][]int64{"amount": uniform(3, 200)},
	},
	{
		name: "unknown-baseline-size",
		exports: [][]replicaExport{
			{{"pod-a", "velocity", t0, t0.Add(time.Minute), uniform(50, 0), 0}},
		},
		emitAt:     t0.Add(2 * time.Minute),
		wantCounts: map[string][]int64{"velocity": uniform(50, 0)},
	},
}

func sumCounts(a, b []int64) []int64 {
	out := make([]int64, len(a))
	for i := range a {
		out[i] = a[i] + b[i]
	}
	return out
}

func connectorSettings(tel *componenttest.Telemetry) connector.Settings {
	set := connectortest.NewNopSettings(NewFactory().Type())
	set.TelemetrySettings = tel.NewTelemetrySettings()
	return set
}

func nopSink() *consumertest.MetricsSink { return &consumertest.MetricsSink{} }

func newTestConnector(t *testing.T) (*driftConnector, *consumertest.MetricsSink) {
	t.Helper()
	sink := &consumertest.MetricsSink{}
	cfg := createDefaultConfig()
	c, err := newConnector(connectortest.NewNopSettings(NewFactory().Type()), cfg, sink)
	if err != nil {
		t.Fatal(err)
	}
	return c, sink
}

func TestGolden(t *testing.T) {
	for _, gc := range goldenCases {
		t.Run(gc.name, func(t *testing.T) {
			dir := filepath.Join("testdata", gc.name)
			if os.Getenv("UPDATE_GOLDEN") != "" {
				for i, batch := range gc.exports {
					if err := golden.WriteMetricsToFile(filepath.Join(dir, fmt.Sprintf("input-%d.yaml", i)), exportMetrics(batch...), golden.SkipMetricTimestampNormalization()); err != nil {
						t.Fatal(err)
					}
				}
			}
			c, sink := newTestConnector(t)
			for i := range gc.exports {
				input, err := golden.ReadMetrics(filepath.Join(dir, fmt.Sprintf("input-%d.yaml", i)))
				if err != nil {
					t.Fatal(err)
				}
				if err := c.ConsumeMetrics(context.Background(), input); err != nil {
					t.Fatal(err)
				}
			}
			if err := c.emit(context.Background(), gc.emitAt); err != nil {
				t.Fatal(err)
			}
			if len(sink.AllMetrics()) != 1 {
				t.Fatalf("%d emissions, want 1", len(sink.AllMetrics()))
			}
			actual := sink.AllMetrics()[0]
			checkAgainstHandSums(t, actual, gc.wantCounts)
			expectedPath := filepath.Join(dir, "expected.yaml")
			if os.Getenv("UPDATE_GOLDEN") != "" {
				if err := golden.WriteMetricsToFile(expectedPath, actual, golden.SkipMetricTimestampNormalization()); err != nil {
					t.Fatal(err)
				}
			}
			expected, err := golden.ReadMetrics(expectedPath)
			if err != nil {
				t.Fatal(err)
			}
			if err := pmetrictest.CompareMetrics(expected, actual, pmetrictest.IgnoreMetricsOrder(), pmetrictest.IgnoreMetricDataPointsOrder()); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// checkAgainstHandSums recomputes the statistics from the hand-summed counts, so a golden file
// regenerated from a wrong implementation still fails.
func checkAgainstHandSums(t *testing.T, md pmetric.Metrics, want map[string][]int64) {
	t.Helper()
	got := map[string]map[string]float64{}
	for _, m := range md.ResourceMetrics().At(0).ScopeMetrics().At(0).Metrics().All() {
		for _, dp := range m.Gauge().DataPoints().All() {
			feature := str(dp.Attributes(), attrFeature)
			if got[feature] == nil {
				got[feature] = map[string]float64{}
			}
			v := dp.DoubleValue()
			if dp.ValueType() == pmetric.NumberDataPointValueTypeInt {
				v = float64(dp.IntValue())
			}
			got[feature][m.Name()] = v
		}
	}
	if len(got) != len(want) {
		t.Fatalf("features %v, want %v", got, want)
	}
	for feature, counts := range want {
		fc := make([]float64, len(counts))
		for i, c := range counts {
			fc[i] = float64(c)
		}
		s := ComputeStats(fc, 10000, createDefaultConfig().Rule)
		g := got[feature]
		if g[gaugeCount] != s.Count || g[gaugePSI] != s.PSI || g[gaugeKS] != s.KSBinned || g[gaugeJS] != s.JSDistance {
			t.Errorf("%s: emitted %v, hand-summed window gives n=%v psi=%v ks=%v js=%v", feature, g, s.Count, s.PSI, s.KSBinned, s.JSDistance)
		}
		if _, hasChi := g[gaugeChiSquare]; hasChi && (g[gaugeChiSquare] != s.ChiSquare || g[gaugePValue] != s.ChiSquarePValue || State(g[gaugeState]) != s.State) {
			t.Errorf("%s: chi-square %v p %v state %v, want %v %v %v", feature, g[gaugeChiSquare], g[gaugePValue], g[gaugeState], s.ChiSquare, s.ChiSquarePValue, s.State)
		}
	}
}

func TestUnknownBaselineSizeIsInsufficientWithoutChiSquare(t *testing.T) {
	c, sink := newTestConnector(t)
	if err := c.ConsumeMetrics(context.Background(), exportMetrics(replicaExport{"pod-a", "velocity", t0, t0.Add(time.Minute), uniform(50, 500), 0})); err != nil {
		t.Fatal(err)
	}
	if err := c.emit(context.Background(), t0.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	names := map[string]int64{}
	for _, m := range sink.AllMetrics()[0].ResourceMetrics().At(0).ScopeMetrics().At(0).Metrics().All() {
		names[m.Name()] = m.Gauge().DataPoints().At(0).IntValue()
	}
	if _, ok := names[gaugeChiSquare]; ok {
		t.Errorf("chi-square emitted without the baseline size")
	}
	if names[gaugeState] != int64(StateInsufficient) {
		t.Errorf("state %d, want insufficient", names[gaugeState])
	}
}

func TestStreamsAreBoundedAndEvicted(t *testing.T) {
	c, _ := newTestConnector(t)
	c.cfg.MaxStreams = 30
	c.agg = newAggregator(c.cfg)
	ctx := context.Background()
	// Two replicas × 20 bins = 40 streams: the last 10 are refused.
	if err := c.ConsumeMetrics(ctx, exportMetrics(
		replicaExport{"pod-a", "amount", t0, t0.Add(time.Minute), uniform(1, 0), 0},
		replicaExport{"pod-b", "amount", t0, t0.Add(time.Minute), uniform(1, 0), 0},
	)); err != nil {
		t.Fatal(err)
	}
	if n := len(c.agg.streams); n != 30 {
		t.Fatalf("%d streams held, limit 30", n)
	}
	// After the idle timeout every stream and the feature are gone.
	if err := c.emit(ctx, t0.Add(time.Minute+c.cfg.StreamIdleTimeout+time.Second)); err != nil {
		t.Fatal(err)
	}
	if len(c.agg.streams) != 0 || len(c.agg.features) != 0 {
		t.Fatalf("after idle timeout: %d streams, %d features", len(c.agg.streams), len(c.agg.features))
	}
}

func TestOutOfOrderPointIsNotAReset(t *testing.T) {
	c, sink := newTestConnector(t)
	ctx := context.Background()
	for _, e := range []replicaExport{
		{"pod-a", "amount", t0, t0.Add(2 * time.Minute), uniform(20, 0), 10000},
		{"pod-a", "amount", t0, t0.Add(time.Minute), uniform(10, 0), 10000}, // late delivery of an older point
	} {
		if err := c.ConsumeMetrics(ctx, exportMetrics(e)); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.emit(ctx, t0.Add(3*time.Minute)); err != nil {
		t.Fatal(err)
	}
	for _, m := range sink.AllMetrics()[0].ResourceMetrics().At(0).ScopeMetrics().At(0).Metrics().All() {
		if m.Name() == gaugeCount && m.Gauge().DataPoints().At(0).IntValue() != 400 {
			t.Fatalf("window count %d, want 400 (the older point must not count as a restart)", m.Gauge().DataPoints().At(0).IntValue())
		}
	}
}

func TestLifecycleEmitsOnTheTicker(t *testing.T) {
	sink := &consumertest.MetricsSink{}
	cfg := createDefaultConfig()
	cfg.EmitInterval = 20 * time.Millisecond
	conn, err := NewFactory().CreateMetricsToMetrics(context.Background(), connectortest.NewNopSettings(NewFactory().Type()), cfg, sink)
	if err != nil {
		t.Fatal(err)
	}
	if err := conn.Start(context.Background(), componenttest.NewNopHost()); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	if err := conn.ConsumeMetrics(context.Background(), exportMetrics(replicaExport{"pod-a", "amount", now.Add(-time.Second), now, uniform(10, 0), 10000})); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(sink.AllMetrics()) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if err := conn.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(sink.AllMetrics()) == 0 {
		t.Fatal("nothing emitted within 10 s at a 20 ms interval")
	}
	if err := conn.Shutdown(context.Background()); err != nil {
		t.Fatal("second shutdown:", err)
	}
}

// Replicas' exports arrive on many receiver goroutines while the ticker emits: run with -race.
func TestConcurrentConsumeAndEmit(t *testing.T) {
	c, sink := newTestConnector(t)
	ctx := context.Background()
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 50; i++ {
			if err := c.emit(ctx, t0.Add(time.Duration(i)*time.Second)); err != nil {
				t.Error(err)
			}
		}
	}()
	var wg sync.WaitGroup
	for p := 0; p < 4; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := 1; r <= 10; r++ {
				e := replicaExport{fmt.Sprintf("pod-%d", p), "amount", t0, t0.Add(time.Duration(r) * time.Second), uniform(int64(r*10), 0), 10000}
				if err := c.ConsumeMetrics(ctx, exportMetrics(e)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	<-done
	if err := c.emit(ctx, t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	last := sink.AllMetrics()[len(sink.AllMetrics())-1]
	for _, m := range last.ResourceMetrics().At(0).ScopeMetrics().At(0).Metrics().All() {
		// 4 replicas, each ending at 100 per bin × 20 bins (started inside the window).
		if m.Name() == gaugeCount && m.Gauge().DataPoints().At(0).IntValue() != 8000 {
			t.Fatalf("window count %d, want 8000", m.Gauge().DataPoints().At(0).IntValue())
		}
	}
}

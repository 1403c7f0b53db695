package featurescopedriftconnector // import "github.com/featurescope/featurescope/collector/featurescopedriftconnector"

import (
	"cmp"
	"math"
	"slices"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/pmetric"

	"github.com/featurescope/featurescope/collector/featurescopedriftconnector/internal/metadata"
)

// The emitted fleet gauges (documented in collector-config/README.md and docs/telemetry.md).
const (
	gaugePSI         = "featurescope.fleet.drift.psi"
	gaugeJS          = "featurescope.fleet.drift.js_distance"
	gaugeChiSquare   = "featurescope.fleet.drift.chi_square"
	gaugePValue      = "featurescope.fleet.drift.chi_square_pvalue"
	gaugeKS          = "featurescope.fleet.drift.ks_binned"
	gaugeCount       = "featurescope.fleet.drift.window_count"
	gaugeState       = "featurescope.fleet.drift.state"
	unitStatistic    = ""
	unitValue        = "{value}"
	stateDescription = "0 ok, 1 warn, 2 drift, 3 insufficient data or unknown baseline size"
)

// buildGauges renders one data point per feature and statistic, sorted by feature for stable output.
func buildGauges(windows []featureWindow, rule Rule, ts pcommon.Timestamp) pmetric.Metrics {
	slices.SortFunc(windows, func(a, b featureWindow) int {
		return cmp.Or(cmp.Compare(a.key.Collection, b.key.Collection), cmp.Compare(a.key.Feature, b.key.Feature),
			cmp.Compare(a.key.Source, b.key.Source), cmp.Compare(a.key.BaselineID, b.key.BaselineID))
	})
	md := pmetric.NewMetrics()
	sm := md.ResourceMetrics().AppendEmpty().ScopeMetrics().AppendEmpty()
	sm.Scope().SetName(metadata.ScopeName)
	gauge := func(name, unit, description string) pmetric.NumberDataPointSlice {
		m := sm.Metrics().AppendEmpty()
		m.SetName(name)
		m.SetUnit(unit)
		m.SetDescription(description)
		return m.SetEmptyGauge().DataPoints()
	}
	psi := gauge(gaugePSI, unitStatistic, "Fleet PSI of the window's bin counts against the baseline (add-1/2 smoothing)")
	js := gauge(gaugeJS, unitStatistic, "Fleet Jensen-Shannon distance (base 2) of the window's bins to uniform")
	chi := gauge(gaugeChiSquare, unitStatistic, "Fleet 2 x B chi-square homogeneity statistic against the baseline")
	pv := gauge(gaugePValue, unitStatistic, "p-value of the fleet chi-square statistic with B-1 degrees of freedom")
	ks := gauge(gaugeKS, unitStatistic, "Fleet binned Kolmogorov-Smirnov statistic against the baseline")
	count := gauge(gaugeCount, unitValue, "Values in the fleet window, summed over every replica")
	state := gauge(gaugeState, unitStatistic, stateDescription)
	for _, w := range windows {
		s := ComputeStats(w.counts, w.baselineCount, rule)
		put := func(points pmetric.NumberDataPointSlice) pmetric.NumberDataPoint {
			dp := points.AppendEmpty()
			dp.SetTimestamp(ts)
			attrs := dp.Attributes()
			attrs.PutStr(attrCollection, w.key.Collection)
			attrs.PutStr(attrFeature, w.key.Feature)
			attrs.PutStr(attrSource, w.key.Source)
			attrs.PutStr(attrBaseline, w.key.BaselineID)
			return dp
		}
		put(count).SetIntValue(int64(s.Count))
		put(state).SetIntValue(int64(s.State))
		if s.Count == 0 {
			continue // no statistic describes an empty window
		}
		put(psi).SetDoubleValue(s.PSI)
		put(ks).SetDoubleValue(s.KSBinned)
		if !math.IsNaN(s.JSDistance) {
			put(js).SetDoubleValue(s.JSDistance)
		}
		if s.HasBaseline {
			put(chi).SetDoubleValue(s.ChiSquare)
			put(pv).SetDoubleValue(s.ChiSquarePValue)
		}
	}
	// A gauge with no point (e.g. no window has data yet) is left out.
	sm.Metrics().RemoveIf(func(m pmetric.Metric) bool { return m.Gauge().DataPoints().Len() == 0 })
	return md
}

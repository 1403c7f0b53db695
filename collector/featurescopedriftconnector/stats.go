package featurescopedriftconnector // import "github.com/featurescope/featurescope/collector/featurescopedriftconnector"

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// State is a feature's drift verdict, exported as the fleet state gauge's value.
type State int64

const (
	StateOK           State = 0
	StateWarn         State = 1
	StateDrift        State = 2
	StateInsufficient State = 3
)

// Rule turns the statistics into a state (testdata/binned-drift/README.md, "state").
type Rule struct {
	Alpha    float64 `mapstructure:"alpha"`
	PSIDrift float64 `mapstructure:"psi_drift"`
	PSIWarn  float64 `mapstructure:"psi_warn"`
	// MinCount is the smallest window count judged; 0 means 5·B.
	MinCount float64 `mapstructure:"min_count"`
}

// Stats are the drift statistics of one feature's window against its baseline, with exactly the
// definitions of testdata/binned-drift/README.md.
type Stats struct {
	Bins  int
	Count float64 // n, the window's values
	PSI   float64
	// JSDistance is NaN when the window is empty.
	JSDistance float64
	KSBinned   float64
	// HasBaseline is false when the baseline size N is unknown: no chi-square, no p-value, and
	// the state is insufficient.
	HasBaseline     bool
	ChiSquare       float64
	ChiSquarePValue float64
	State           State
}

// ComputeStats derives every statistic from the window's bin counts and the baseline size
// (baselineCount ≤ 0: unknown).
func ComputeStats(counts []float64, baselineCount float64, rule Rule) Stats {
	b := len(counts)
	bf := float64(b)
	n := 0.0
	for _, c := range counts {
		n += c
	}
	s := Stats{Bins: b, Count: n, PSI: psi(counts, n), JSDistance: jsDistance(counts, n), KSBinned: ksBinned(counts, n)}
	if baselineCount > 0 && n > 0 {
		s.HasBaseline = true
		s.ChiSquare = chiSquare(counts, n, baselineCount)
		s.ChiSquarePValue = chiSquareSurvival(s.ChiSquare, bf-1)
	}
	s.State = decide(s, rule)
	return s
}

// psi uses add-½ smoothing so an empty bin never makes it infinite.
func psi(counts []float64, n float64) float64 {
	bf := float64(len(counts))
	sum := 0.0
	for _, c := range counts {
		p := (c + 0.5) / (n + 0.5*bf)
		sum += (p - 1/bf) * math.Log(p*bf)
	}
	return sum
}

// jsDistance is scipy's jensenshannon(p, uniform, base=2) with unsmoothed p.
func jsDistance(counts []float64, n float64) float64 {
	if n <= 0 {
		return math.NaN()
	}
	q := 1 / float64(len(counts))
	sum := 0.0
	for _, c := range counts {
		p := c / n
		m := (p + q) / 2
		sum += relEntr(p, m) + relEntr(q, m)
	}
	js := sum / 2 / math.Ln2
	return math.Sqrt(math.Max(js, 0))
}

// relEntr is scipy.special.rel_entr: x·ln(x/y), 0 at x = 0.
func relEntr(x, y float64) float64 {
	if x == 0 {
		return 0
	}
	return x * math.Log(x/y)
}

// chiSquare is the 2 × B homogeneity statistic against a baseline row of N/B per bin.
func chiSquare(counts []float64, n, baselineCount float64) float64 {
	bf := float64(len(counts))
	expected := n / bf
	sum := 0.0
	for _, c := range counts {
		d := c - expected
		sum += d * d / (c + baselineCount/bf)
	}
	return baselineCount / n * sum
}

// chiSquareSurvival is scipy's chi2.sf(x, df): the regularized upper incomplete gamma Q(df/2, x/2).
func chiSquareSurvival(x, df float64) float64 {
	if x <= 0 {
		return 1
	}
	return mathext.GammaIncRegComp(df/2, x/2)
}

// ksBinned compares the window's CDF with the uniform one at the inner bin edges.
func ksBinned(counts []float64, n float64) float64 {
	if n <= 0 {
		return 0
	}
	bf := float64(len(counts))
	cumulative, worst := 0.0, 0.0
	for k := 1; k < len(counts); k++ {
		cumulative += counts[k-1]
		worst = math.Max(worst, math.Abs(cumulative/n-float64(k)/bf))
	}
	return worst
}

func decide(s Stats, rule Rule) State {
	minCount := rule.MinCount
	if minCount <= 0 {
		minCount = 5 * float64(s.Bins)
	}
	if !s.HasBaseline || s.Count < minCount {
		return StateInsufficient
	}
	significant := s.ChiSquarePValue < rule.Alpha
	switch {
	case significant && s.PSI >= rule.PSIDrift:
		return StateDrift
	case significant && s.PSI >= rule.PSIWarn:
		return StateWarn
	default:
		return StateOK
	}
}

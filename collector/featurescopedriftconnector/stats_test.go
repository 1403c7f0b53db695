package featurescopedriftconnector

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// The shared vectors computed with scipy by testdata/binned-drift/make-vectors.py.
var vectorsPath = filepath.Join("..", "..", "testdata", "binned-drift", "vectors.json")

type vectorCase struct {
	Name          string    `json:"name"`
	Bins          int       `json:"bins"`
	BaselineCount float64   `json:"baselineCount"`
	Counts        []float64 `json:"counts"`
	Rule          struct {
		Alpha    float64 `json:"alpha"`
		PSIDrift float64 `json:"psiDrift"`
		PSIWarn  float64 `json:"psiWarn"`
		MinCount float64 `json:"minCount"`
	} `json:"rule"`
	PSI             float64 `json:"psi"`
	JSDistance      float64 `json:"jsDistance"`
	ChiSquare       float64 `json:"chiSquare"`
	ChiSquareDf     float64 `json:"chiSquareDf"`
	ChiSquarePValue float64 `json:"chiSquarePValue"`
	KSBinned        float64 `json:"ksBinned"`
	State           State   `json:"state"`
}

// tolerance: 1e-9 absolute, or relative for statistics larger than 1 (chi-square reaches 10⁴).
func within(got, want float64) bool {
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

func TestStatsAgreeWithScipyVectors(t *testing.T) {
	raw, err := os.ReadFile(vectorsPath)
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []vectorCase `json:"cases"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) < 10 {
		t.Fatalf("only %d vectors in %s", len(file.Cases), vectorsPath)
	}
	worst := map[string]float64{}
	for _, vc := range file.Cases {
		t.Run(vc.Name, func(t *testing.T) {
			if len(vc.Counts) != vc.Bins {
				t.Fatalf("%d counts for %d bins", len(vc.Counts), vc.Bins)
			}
			rule := Rule{Alpha: vc.Rule.Alpha, PSIDrift: vc.Rule.PSIDrift, PSIWarn: vc.Rule.PSIWarn, MinCount: vc.Rule.MinCount}
			s := ComputeStats(vc.Counts, vc.BaselineCount, rule)
			check := func(name string, got, want float64) {
				worst[name] = math.Max(worst[name], math.Abs(got-want))
				if !within(got, want) {
					t.Errorf("%s = %.17g, scipy %.17g (diff %.3g)", name, got, want, got-want)
				}
			}
			check("psi", s.PSI, vc.PSI)
			check("jsDistance", s.JSDistance, vc.JSDistance)
			check("chiSquare", s.ChiSquare, vc.ChiSquare)
			check("chiSquarePValue", s.ChiSquarePValue, vc.ChiSquarePValue)
			check("ksBinned", s.KSBinned, vc.KSBinned)
			if want := float64(vc.Bins - 1); vc.ChiSquareDf != want {
				t.Errorf("df %v, want %v", vc.ChiSquareDf, want)
			}
			if s.State != vc.State {
				t.Errorf("state %d, scipy rule %d", s.State, vc.State)
			}
			// The default rule's minCount is 5·B.
			if vc.Rule.MinCount == float64(5*vc.Bins) {
				rule.MinCount = 0
				if got := ComputeStats(vc.Counts, vc.BaselineCount, rule).State; got != vc.State {
					t.Errorf("state with default minCount %d, want %d", got, vc.State)
				}
			}
		})
	}
	t.Logf("largest absolute differences from scipy: %v", worst)
}

func TestStatsWithoutBaselineSizeAreInsufficient(t *testing.T) {
	counts := make([]float64, 20)
	counts[0] = 1000
	s := ComputeStats(counts, 0, Rule{Alpha: 0.01, PSIDrift: 0.1, PSIWarn: 0.05})
	if s.HasBaseline || s.State != StateInsufficient {
		t.Fatalf("without N: HasBaseline %v, state %d", s.HasBaseline, s.State)
	}
	if s.PSI < 1 || s.KSBinned < 0.9 {
		t.Fatalf("PSI %v and KS %v still computed without N", s.PSI, s.KSBinned)
	}
}

func TestEmptyWindow(t *testing.T) {
	s := ComputeStats(make([]float64, 20), 10000, Rule{Alpha: 0.01, PSIDrift: 0.1, PSIWarn: 0.05})
	if s.Count != 0 || !math.IsNaN(s.JSDistance) || s.State != StateInsufficient || s.HasBaseline {
		t.Fatalf("empty window: %+v", s)
	}
}

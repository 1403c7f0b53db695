package featurescopedriftconnector

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.yaml.in/yaml/v3"

	"github.com/featurescope/featurescope/collector/featurescopedriftconnector/internal/metadata"
)

// The hand-written internal/metadata must say what metadata.yaml says (mdatagen cannot run here).
func TestMetadataMatchesYAML(t *testing.T) {
	raw, err := os.ReadFile("metadata.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var md struct {
		Type      string `yaml:"type"`
		ScopeName string `yaml:"scope_name"`
		Status    struct {
			Stability map[string][]string `yaml:"stability"`
		} `yaml:"status"`
		Telemetry struct {
			Metrics map[string]struct {
				Unit string `yaml:"unit"`
				Sum  struct {
					Monotonic bool `yaml:"monotonic"`
				} `yaml:"sum"`
			} `yaml:"metrics"`
		} `yaml:"telemetry"`
	}
	if err := yaml.Unmarshal(raw, &md); err != nil {
		t.Fatal(err)
	}
	if md.Type != metadata.Type.String() || md.ScopeName != metadata.ScopeName {
		t.Errorf("metadata.yaml type %q scope %q; generated %q %q", md.Type, md.ScopeName, metadata.Type, metadata.ScopeName)
	}
	if got := md.Status.Stability[strings.ToLower(metadata.MetricsToMetricsStability.String())]; len(got) != 1 || got[0] != "metrics_to_metrics" {
		t.Errorf("stability %v, generated %s", md.Status.Stability, metadata.MetricsToMetricsStability)
	}
	// Every declared instrument is created, with its unit, and records through TelemetrySettings.
	tel := componenttest.NewTelemetry()
	t.Cleanup(func() { _ = tel.Shutdown(context.Background()) })
	c, err := newConnector(connectorSettings(tel), createDefaultConfig(), nopSink())
	if err != nil {
		t.Fatal(err)
	}
	if err := c.ConsumeMetrics(context.Background(), exportMetrics(replicaExport{"pod-a", "amount", t0, t0.Add(time.Minute), uniform(1, 0), 10})); err != nil {
		t.Fatal(err)
	}
	for name, spec := range md.Telemetry.Metrics {
		m, err := tel.GetMetric("otelcol_" + name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if m.Unit != spec.Unit {
			t.Errorf("%s unit %q, metadata.yaml %q", name, m.Unit, spec.Unit)
		}
		if sum, ok := m.Data.(metricdata.Sum[int64]); !ok || sum.IsMonotonic != spec.Sum.Monotonic {
			t.Errorf("%s: %T monotonic mismatch with metadata.yaml", name, m.Data)
		}
	}
	streams, _ := tel.GetMetric("otelcol_featurescopedrift_streams")
	if v := streams.Data.(metricdata.Sum[int64]).DataPoints[0].Value; v != 20 {
		t.Errorf("streams gauge %d after one replica × 20 bins", v)
	}
}

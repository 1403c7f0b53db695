package featurescopedriftconnector

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/confmap/confmaptest"

	"github.com/featurescope/featurescope/collector/featurescopedriftconnector/internal/metadata"
)

func loadConfig(t *testing.T, name string) (*Config, error) {
	t.Helper()
	cm, err := confmaptest.LoadConf(filepath.Join("testdata", "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	sub, err := cm.Sub(component.NewIDWithName(metadata.Type, name).String())
	if err != nil {
		t.Fatal(err)
	}
	cfg := createDefaultConfig()
	if err := sub.Unmarshal(cfg); err != nil {
		t.Fatal(err)
	}
	return cfg, confmap.Validate(cfg)
}

func TestConfigDefaultAndCustom(t *testing.T) {
	def, err := loadConfig(t, "")
	if err != nil {
		t.Fatal(err)
	}
	if *def != *createDefaultConfig() {
		t.Errorf("empty section gives %+v, want the defaults", def)
	}
	custom, err := loadConfig(t, "custom")
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		Window: 30 * time.Minute, Resolution: 30 * time.Second, EmitInterval: 15 * time.Second,
		StreamIdleTimeout: time.Hour, MaxStreams: 5000, MaxBins: 50,
		Rule: Rule{Alpha: 0.05, PSIDrift: 0.2, PSIWarn: 0.1, MinCount: 200},
	}
	if *custom != want {
		t.Errorf("custom = %+v, want %+v", *custom, want)
	}
}

func TestConfigInvalidNamesTheKey(t *testing.T) {
	for name, wantKeys := range map[string][]string{
		"window-not-multiple": {"window (10m0s) must be a multiple of resolution (7m0s)"},
		"bad-rule":            {"rule.alpha", "psi_warn"},
		"no-streams":          {"max_streams"},
	} {
		_, err := loadConfig(t, name)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		for _, key := range wantKeys {
			if !strings.Contains(err.Error(), key) {
				t.Errorf("%s: error %q does not name %q", name, err, key)
			}
		}
	}
	bad := createDefaultConfig()
	bad.Window, bad.EmitInterval = 0, -time.Second
	err := bad.Validate()
	if err == nil || !strings.Contains(err.Error(), "window must be positive") || !strings.Contains(err.Error(), "emit_interval must be positive") {
		t.Errorf("zero durations: %v", err)
	}
}

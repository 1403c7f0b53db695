package featurescopedriftconnector // import "github.com/featurescope/featurescope/collector/featurescopedriftconnector"

import (
	"errors"
	"fmt"
	"time"
)

// Config of the featurescopedrift connector. Every field has a default (createDefaultConfig).
type Config struct {
	// Window is how far back the bin counts are summed for each feature.
	Window time.Duration `mapstructure:"window"`
	// Resolution is the width of the window's slots: counts leave the window one slot at a time.
	Resolution time.Duration `mapstructure:"resolution"`
	// EmitInterval is how often the fleet gauges of every feature are emitted.
	EmitInterval time.Duration `mapstructure:"emit_interval"`
	// StreamIdleTimeout evicts a replica's bin stream (and a feature with no stream left) not seen
	// for this long.
	StreamIdleTimeout time.Duration `mapstructure:"stream_idle_timeout"`
	// MaxStreams bounds the per-stream state; points of new streams beyond it are dropped.
	MaxStreams int `mapstructure:"max_streams"`
	// MaxBins bounds the bin index accepted from the featurescope.drift.bin attribute.
	MaxBins int `mapstructure:"max_bins"`
	// Rule turns the statistics into the state gauge.
	Rule Rule `mapstructure:"rule"`
}

func createDefaultConfig() *Config {
	return &Config{
		Window:            time.Hour,
		Resolution:        time.Minute,
		EmitInterval:      time.Minute,
		StreamIdleTimeout: 2 * time.Hour,
		MaxStreams:        200_000,
		MaxBins:           100,
		Rule:              Rule{Alpha: 0.01, PSIDrift: 0.1, PSIWarn: 0.05},
	}
}

// Validate names the first bad key.
func (c *Config) Validate() error {
	var errs []error
	positive := func(key string, d time.Duration) {
		if d <= 0 {
			errs = append(errs, fmt.Errorf("%s must be positive, got %s", key, d))
		}
	}
	positive("window", c.Window)
	positive("resolution", c.Resolution)
	positive("emit_interval", c.EmitInterval)
	positive("stream_idle_timeout", c.StreamIdleTimeout)
	if c.Resolution > 0 && c.Window > 0 {
		if c.Window%c.Resolution != 0 {
			errs = append(errs, fmt.Errorf("window (%s) must be a multiple of resolution (%s)", c.Window, c.Resolution))
		} else if c.Window/c.Resolution > 10_000 {
			errs = append(errs, fmt.Errorf("window/resolution must be at most 10000 slots, got %d", c.Window/c.Resolution))
		}
	}
	if c.MaxStreams < 1 {
		errs = append(errs, fmt.Errorf("max_streams must be at least 1, got %d", c.MaxStreams))
	}
	if c.MaxBins < 2 || c.MaxBins > 1000 {
		errs = append(errs, fmt.Errorf("max_bins must be in [2, 1000], got %d", c.MaxBins))
	}
	if !(c.Rule.Alpha > 0 && c.Rule.Alpha < 1) {
		errs = append(errs, fmt.Errorf("rule.alpha must be in (0, 1), got %v", c.Rule.Alpha))
	}
	if c.Rule.PSIWarn < 0 || c.Rule.PSIDrift < c.Rule.PSIWarn {
		errs = append(errs, fmt.Errorf("rule needs 0 <= psi_warn <= psi_drift, got psi_warn %v, psi_drift %v", c.Rule.PSIWarn, c.Rule.PSIDrift))
	}
	if c.Rule.MinCount < 0 {
		errs = append(errs, fmt.Errorf("rule.min_count must not be negative, got %v", c.Rule.MinCount))
	}
	return errors.Join(errs...)
}

// Written by hand in mdatagen v0.161.0's layout from ../../metadata.yaml (see generated_status.go).

package metadata

import (
	"errors"

	"go.opentelemetry.io/otel/metric"
	"go.opentelemetry.io/otel/trace"

	"go.opentelemetry.io/collector/component"
)

func Meter(settings component.TelemetrySettings) metric.Meter {
	return settings.MeterProvider.Meter(ScopeName)
}

func Tracer(settings component.TelemetrySettings) trace.Tracer {
	return settings.TracerProvider.Tracer(ScopeName)
}

// TelemetryBuilder holds the component's own instruments (metadata.yaml, telemetry.metrics).
type TelemetryBuilder struct {
	meter                          metric.Meter
	FeaturescopedriftFeatures      metric.Int64UpDownCounter
	FeaturescopedriftPointsCounted metric.Int64Counter
	FeaturescopedriftPointsDropped metric.Int64Counter
	FeaturescopedriftResets        metric.Int64Counter
	FeaturescopedriftStreams       metric.Int64UpDownCounter
}

// Shutdown releases what the builder registered (no asynchronous instruments here).
func (builder *TelemetryBuilder) Shutdown() {}

// NewTelemetryBuilder creates every instrument on the component's meter.
func NewTelemetryBuilder(settings component.TelemetrySettings) (*TelemetryBuilder, error) {
	builder := TelemetryBuilder{meter: Meter(settings)}
	var err, errs error
	builder.FeaturescopedriftFeatures, err = builder.meter.Int64UpDownCounter(
		"otelcol_featurescopedrift_features",
		metric.WithDescription("Fleet features whose window is held in memory."),
		metric.WithUnit("{feature}"),
	)
	errs = errors.Join(errs, err)
	builder.FeaturescopedriftPointsCounted, err = builder.meter.Int64Counter(
		"otelcol_featurescopedrift_points_counted",
		metric.WithDescription("Bin-counter points turned into window counts."),
		metric.WithUnit("{point}"),
	)
	errs = errors.Join(errs, err)
	builder.FeaturescopedriftPointsDropped, err = builder.meter.Int64Counter(
		"otelcol_featurescopedrift_points_dropped",
		metric.WithDescription("Points not counted (stream limit reached, out of order, older than the window, malformed attributes)."),
		metric.WithUnit("{point}"),
	)
	errs = errors.Join(errs, err)
	builder.FeaturescopedriftResets, err = builder.meter.Int64Counter(
		"otelcol_featurescopedrift_resets",
		metric.WithDescription("Cumulative bin counters that went down or changed start time (a replica restarted)."),
		metric.WithUnit("{reset}"),
	)
	errs = errors.Join(errs, err)
	builder.FeaturescopedriftStreams, err = builder.meter.Int64UpDownCounter(
		"otelcol_featurescopedrift_streams",
		metric.WithDescription("Replica bin-counter streams held in memory (bounded by max_streams)."),
		metric.WithUnit("{stream}"),
	)
	errs = errors.Join(errs, err)
	return &builder, errs
}

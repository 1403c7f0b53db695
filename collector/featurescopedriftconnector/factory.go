package featurescopedriftconnector // import "github.com/featurescope/featurescope/collector/featurescopedriftconnector"

import (
	"context"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/connector"
	"go.opentelemetry.io/collector/consumer"

	"github.com/featurescope/featurescope/collector/featurescopedriftconnector/internal/metadata"
)

// NewFactory returns the featurescopedrift connector's factory (metrics → metrics).
func NewFactory() connector.Factory {
	return connector.NewFactory(
		metadata.Type,
		func() component.Config { return createDefaultConfig() },
		connector.WithMetricsToMetrics(createMetricsToMetrics, metadata.MetricsToMetricsStability),
	)
}

func createMetricsToMetrics(_ context.Context, set connector.Settings, cfg component.Config, next consumer.Metrics) (connector.Metrics, error) {
	return newConnector(set, cfg.(*Config), next)
}

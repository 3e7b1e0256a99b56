//go:build prom

package park

// Built only with -tags prom (GOPATH mode against Debian's client_golang 1.14, see capture.sh):
// the default registry's Go and process collectors on /metrics, text 0.0.4 or OpenMetrics
// by the Accept header.

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

func init() {
	http.Handle("/metrics", promhttp.HandlerFor(prometheus.DefaultGatherer,
		promhttp.HandlerOpts{EnableOpenMetrics: true}))
}

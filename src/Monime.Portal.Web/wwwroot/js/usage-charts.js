// Draws every <canvas data-chart="…"> with Chart.js. The data sits in the attribute because the
// Content-Security-Policy forbids inline script; Chart.js sizes canvases through the CSSOM, which it allows.
(function () {
  'use strict';

  var palette = {
    calls: '#2563eb',
    errors: '#dc2626',
    classes: { '2xx': '#059669', '3xx': '#0891b2', '4xx': '#d97706', '5xx': '#dc2626' }
  };

  function activity(data) {
    return {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: [
          { label: data.series[0].label, data: data.series[0].values, backgroundColor: palette.calls,
            borderRadius: 3, stack: 'calls' },
          { label: data.series[1].label, data: data.series[1].values, backgroundColor: palette.errors,
            borderRadius: 3, stack: 'calls' }
        ]
      },
      options: {
        scales: {
          x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }
        },
        plugins: { legend: { position: 'bottom' } }
      }
    };
  }

  function status(data) {
    var values = data.series[0].values;
    var empty = values.length === 0;
    return {
      type: 'doughnut',
      data: {
        labels: empty ? ['No calls'] : data.labels,
        datasets: [{
          data: empty ? [1] : values,
          backgroundColor: empty ? ['#e2e8f0'] : data.labels.map(function (label) {
            return palette.classes[label] || '#64748b';
          }),
          borderWidth: 0
        }]
      },
      options: { cutout: '62%', plugins: { legend: { position: 'bottom' } } }
    };
  }

  function endpoints(data) {
    return {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: [{ label: data.series[0].label, data: data.series[0].values, backgroundColor: palette.calls,
          borderRadius: 3 }]
      },
      options: {
        indexAxis: 'y',
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { grid: { display: false } } },
        plugins: { legend: { display: false } }
      }
    };
  }

  var builders = { activity: activity, status: status, endpoints: endpoints };

  document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
    var data = JSON.parse(canvas.dataset.chart);
    var build = builders[data.kind];
    if (!build || typeof window.Chart === 'undefined') {
      return;
    }
    var config = build(data);
    config.options.responsive = true;
    config.options.maintainAspectRatio = false;
    config.options.animation = false;
    new window.Chart(canvas, config);
    canvas.dataset.chartDrawn = 'true';
  });
})();

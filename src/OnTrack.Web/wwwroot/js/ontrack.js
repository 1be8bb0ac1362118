// OnTrack's small amount of browser script: keeps form progress, draws charts. Pages work without it.
(function () {
    'use strict';

    // Answers in progress survive the phone sleeping, the tab being reloaded or the browser discarding
    // it: they are kept in this tab's sessionStorage (gone when the tab closes) and cleared on submit.
    function keepProgress(form) {
        if (form.dataset.progressReady) { return; }
        form.dataset.progressReady = '1';
        var key = 'ontrack:progress:' + form.dataset.progressKey;
        var saved = {};
        try { saved = JSON.parse(sessionStorage.getItem(key) || '{}'); } catch (e) { saved = {}; }
        Object.keys(saved).forEach(function (name) {
            form.querySelectorAll('input[type=radio]').forEach(function (input) {
                if (input.name === name && input.value === saved[name] && !form.querySelector('input[type=radio][name="' + CSS.escape(name) + '"]:checked')) {
                    input.checked = true;
                }
            });
        });
        function count() {
            var groups = form.querySelectorAll('fieldset[data-item]');
            var answered = form.querySelectorAll('fieldset[data-item] input[type=radio]:checked').length;
            var status = form.querySelector('[data-progress-status]');
            if (status) { status.textContent = answered + ' of ' + groups.length + ' answered'; }
        }
        form.addEventListener('change', function (event) {
            if (event.target && event.target.type === 'radio') {
                saved[event.target.name] = event.target.value;
                try { sessionStorage.setItem(key, JSON.stringify(saved)); } catch (e) { /* private mode: nothing kept */ }
                count();
            }
        });
        form.addEventListener('submit', function () {
            try { sessionStorage.removeItem(key); } catch (e) { /* ignore */ }
        });
        count();
    }

    var chartLoading = null;
    function loadScript(src) {
        return new Promise(function (resolve, reject) {
            var s = document.createElement('script');
            s.src = src; s.onload = resolve; s.onerror = reject;
            document.head.appendChild(s);
        });
    }
    function loadCharts() {
        if (!chartLoading) {
            chartLoading = loadScript('lib/chartjs/chart.umd.min.js')
                .then(function () { return loadScript('lib/chartjs/chartjs-plugin-annotation.min.js'); })
                .then(function () { window.Chart.register(window['chartjs-plugin-annotation']); });
        }
        return chartLoading;
    }

    // Bands from well to unwell: green to red, whichever way the measure runs.
    var bandColours = ['rgba(46,160,67,.13)', 'rgba(140,190,60,.13)', 'rgba(240,200,40,.16)', 'rgba(240,140,40,.16)', 'rgba(220,60,50,.16)', 'rgba(170,20,40,.18)'];

    function drawChart(canvas) {
        if (canvas.dataset.drawn) { return; }
        canvas.dataset.drawn = '1';
        var spec = JSON.parse(canvas.dataset.chart);
        var annotations = {};
        var bands = spec.bands || [];
        bands.forEach(function (band, i) {
            var rank = spec.higherIsWorse ? i : bands.length - 1 - i;
            var colour = bandColours[Math.round(rank * (bandColours.length - 1) / Math.max(1, bands.length - 1))];
            annotations['band' + i] = {
                type: 'box', yMin: band.min - (i === 0 ? 0 : 0.5), yMax: band.max + (i === bands.length - 1 ? 0 : 0.5),
                backgroundColor: colour, borderWidth: 0, drawTime: 'beforeDatasetsDraw',
                label: { display: true, content: band.label, position: { x: 'end', y: 'center' }, color: 'rgba(60,60,60,.75)', font: { size: 10 } }
            };
        });
        if (spec.cutoff !== null && spec.cutoff !== undefined) {
            annotations.cutoff = {
                type: 'line', yMin: spec.cutoff, yMax: spec.cutoff, borderColor: 'rgba(176,42,55,.9)', borderWidth: 1.5, borderDash: [6, 4],
                label: { display: true, content: spec.cutoffLabel || ('cutoff ' + spec.cutoff), position: 'start', backgroundColor: 'rgba(176,42,55,.85)', font: { size: 10 } }
            };
        }
        (spec.markers || []).forEach(function (marker, i) {
            annotations['marker' + i] = {
                type: 'line', xMin: marker.x, xMax: marker.x, borderColor: 'rgba(111,66,193,.85)', borderWidth: 2,
                label: { display: true, content: marker.label, position: 'start', backgroundColor: 'rgba(111,66,193,.9)', font: { size: 10 } }
            };
        });
        var datasets = [];
        if (spec.expected && spec.expected.length) {
            var pick = function (key) { return spec.expected.map(function (e) { return e ? e[key] : null; }); };
            datasets.push({ label: 'Expected (upper)', data: pick('high'), borderWidth: 0, pointRadius: 0, fill: '+1', backgroundColor: 'rgba(13,110,253,.16)', spanGaps: true });
            datasets.push({ label: 'Expected (lower)', data: pick('low'), borderWidth: 0, pointRadius: 0, fill: false, spanGaps: true });
            datasets.push({ label: spec.expectedLabel || 'Expected', data: pick('mid'), borderColor: 'rgba(13,110,253,.7)', borderDash: [4, 4], borderWidth: 1.5, pointRadius: 0, fill: false, spanGaps: true });
        }
        (spec.lines || []).forEach(function (line, i) {
            var colours = ['#0b3d6e', '#2e9e4f', '#e6a000', '#b02a37', '#6f42c1'];
            datasets.push({ label: line.label, data: line.values, borderColor: colours[i % colours.length], borderWidth: 2, pointRadius: 0, fill: false, tension: 0.2 });
        });
        if (spec.points) datasets.push({
            label: spec.title, data: spec.points.map(function (p) { return p.y; }),
            borderColor: '#0b3d6e', backgroundColor: '#0b3d6e', borderWidth: 2.5, pointRadius: 4,
            pointBackgroundColor: spec.points.map(function (p) { return p.risk ? '#b02a37' : '#0b3d6e'; }),
            pointRadiusHover: 6, tension: 0.15, spanGaps: true
        });
        new window.Chart(canvas, {
            type: 'line',
            data: { labels: spec.labels, datasets: datasets },
            options: {
                responsive: true, maintainAspectRatio: false, animation: false,
                scales: {
                    y: { min: spec.min, max: spec.max, title: { display: true, text: spec.axis || 'score' } },
                    x: { title: { display: !!spec.xAxis, text: spec.xAxis } }
                },
                plugins: {
                    legend: { display: !!((spec.expected && spec.expected.length) || spec.lines), labels: { filter: function (item) { return item.text.indexOf('(upper)') < 0 && item.text.indexOf('(lower)') < 0; } } },
                    annotation: { annotations: annotations },
                    tooltip: { callbacks: { afterLabel: function (ctx) { var p = spec.points && spec.points[ctx.dataIndex]; return ctx.dataset.label === spec.title && p && p.band ? p.band : ''; } } }
                }
            }
        });
    }

    // The weekly charts under the course share one week axis; fixed axis widths keep their columns aligned.
    function drawWeekChart(canvas) {
        if (canvas.dataset.drawn) { return; }
        canvas.dataset.drawn = '1';
        var spec = JSON.parse(canvas.dataset.weekChart);
        var colours = ['#0b3d6e', '#6f42c1', '#2e9e4f'];
        var fit = function (scale) { scale.width = 56; };
        var datasets = spec.series.map(function (s, i) {
            return s.kind === 'bar'
                ? { type: 'bar', label: s.label, data: s.values, yAxisID: s.axis, backgroundColor: 'rgba(13,110,253,.35)', order: 2 }
                : { type: 'line', label: s.label, data: s.values, yAxisID: s.axis, borderColor: colours[i % colours.length], backgroundColor: colours[i % colours.length], borderWidth: 2, pointRadius: 3, spanGaps: true, tension: 0.15, order: 1 };
        });
        var scales = {
            x: { ticks: { autoSkip: true, maxRotation: 0 } },
            left: { position: 'left', min: spec.left.min, max: spec.left.max, title: { display: true, text: spec.left.title }, afterFit: fit },
            right: spec.right
                ? { position: 'right', min: spec.right.min, max: spec.right.max, title: { display: true, text: spec.right.title }, grid: { drawOnChartArea: false }, afterFit: fit }
                : { display: true, position: 'right', ticks: { display: false }, grid: { drawOnChartArea: false }, border: { display: false }, afterFit: fit }
        };
        new window.Chart(canvas, {
            data: { labels: spec.labels, datasets: datasets },
            options: { responsive: true, maintainAspectRatio: false, animation: false, scales: scales, plugins: { legend: { display: true } } }
        });
    }

    // Guided breathing: cues in words every phase (read by screen readers, and all there is with reduced motion);
    // when the chosen time is up, the minutes are saved through the page's own form.
    function initBreathing(box) {
        if (box.dataset.ready) { return; }
        box.dataset.ready = '1';
        var inhale = parseFloat(box.dataset.inhale) * 1000, exhale = parseFloat(box.dataset.exhale) * 1000;
        var total = parseInt(box.dataset.minutes, 10) * 60000;
        var circle = box.querySelector('.ot-breath-circle'), cue = box.querySelector('.ot-breath-cue');
        var bar = box.querySelector('.ot-breath-progress'), left = box.querySelector('.ot-breath-left');
        var start = box.querySelector('[data-breath-start]'), stop = box.querySelector('[data-breath-stop]');
        var form = document.querySelector('form[data-breath-log]'), minutesField = form && form.querySelector('[data-breath-minutes]');
        var began = 0, phaseTimer = null, tickTimer = null;
        function phase(breathingIn) {
            circle.style.transitionDuration = (breathingIn ? inhale : exhale) + 'ms';
            circle.classList.toggle('in', breathingIn);
            cue.textContent = breathingIn ? 'Breathe in…' : 'Breathe out…';
            phaseTimer = setTimeout(function () { phase(!breathingIn); }, breathingIn ? inhale : exhale);
        }
        function finish(minutesDone) {
            clearTimeout(phaseTimer); clearInterval(tickTimer);
            circle.classList.remove('in');
            start.hidden = false; stop.hidden = true;
            if (minutesDone >= 1 && form) {
                cue.textContent = 'Done. Saving ' + minutesDone + ' minute' + (minutesDone === 1 ? '' : 's') + '…';
                minutesField.value = String(minutesDone);
                form.requestSubmit ? form.requestSubmit() : form.submit();
            } else {
                cue.textContent = 'Stopped. Press start to begin again.';
            }
        }
        function tick() {
            var done = Date.now() - began;
            var rest = Math.max(0, total - done);
            bar.style.width = Math.min(100, done * 100 / total) + '%';
            bar.parentElement.setAttribute('aria-valuenow', String(Math.round(Math.min(100, done * 100 / total))));
            left.textContent = Math.floor(rest / 60000) + ':' + ('0' + Math.floor(rest % 60000 / 1000)).slice(-2);
            if (rest === 0) { finish(Math.round(total / 60000)); }
        }
        start.addEventListener('click', function () {
            began = Date.now();
            start.hidden = true; stop.hidden = false;
            phase(true);
            tickTimer = setInterval(tick, 250);
        });
        stop.addEventListener('click', function () { finish(Math.floor((Date.now() - began) / 60000)); });
    }

    function init() {
        document.querySelectorAll('[data-breathing]').forEach(initBreathing);
        document.querySelectorAll('form[data-progress-key]').forEach(keepProgress);
        var charts = document.querySelectorAll('canvas[data-chart]');
        var weekCharts = document.querySelectorAll('canvas[data-week-chart]');
        if (charts.length || weekCharts.length) {
            loadCharts().then(function () { charts.forEach(drawChart); weekCharts.forEach(drawWeekChart); });
        }
    }

    document.addEventListener('DOMContentLoaded', init);
    if (window.Blazor && window.Blazor.addEventListener) {
        window.Blazor.addEventListener('enhancedload', init);
    }
})();

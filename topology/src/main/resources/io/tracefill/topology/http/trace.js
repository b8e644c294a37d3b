/*
 * tracefill trace page: draws one trace of DeepFlow's API envelope ({"OPT_STATUS", "DATA":
 * {"tracing": [...], "services": [...]}}) as DeepFlow's distributed tracing view does: a flame graph
 * on a time axis, a service list with each service's share of the time, span details, and the span
 * tracing source (related_ids with their mount reasons).
 *
 * Plain script, no libraries: the page works offline and under the server's Content-Security-Policy
 * (no inline script, nothing from other origins). Every string from a trace goes into the page as
 * text (textContent, dataset), never as markup.
 */
(function () {
  'use strict';

  /** DeepFlow's display names of tap_side (its observation point). */
  const TAP_SIDES = {
    rest: 'Other NIC', c: 'Client NIC', s: 'Server NIC', local: 'Local NIC',
    'c-nd': 'Client K8s Node', 's-nd': 'Server K8s Node',
    'c-hv': 'Client VM Hypervisor', 's-hv': 'Server VM Hypervisor',
    'c-gw-hv': 'Client-side Gateway Hypervisor', 's-gw-hv': 'Server-side Gateway Hypervisor',
    'c-gw': 'Client-side Gateway', 's-gw': 'Server-side Gateway',
    'c-p': 'Client Process', 's-p': 'Server Process',
    app: 'Application', 'c-app': 'Client Application', 's-app': 'Server Application'
  };
  const APP_TAP_SIDES = new Set(['app', 'c-app', 's-app']);
  const KIND_NAMES = { A: 'Application span', S: 'System span', N: 'Network span' };
  const RESPONSE_STATUS = ['Success', 'Error', 'Timeout', 'Server Error', 'Client Error', 'Unknown', 'Parse Failed'];
  /**
   * The ids DeepFlow relates spans by, in groups whose members may match each other (a request's
   * tcp seq seen as another span's response seq is still the same packet stream).
   */
  const ID_GROUPS = [
    ['trace_id'],
    ['span_id', 'parent_span_id'],
    ['x_request_id_0', 'x_request_id_1'],
    ['syscall_trace_id_request', 'syscall_trace_id_response'],
    ['req_tcp_seq', 'resp_tcp_seq'],
    ['request_id']
  ];
  const ID_COLUMNS = ID_GROUPS.flat();
  const ROW_HEIGHT = 24; // px per flame graph row; .bar in trace.css is 20px high plus a 4px gap
  const MIN_SLOT = 0.005; // share of the axis a bar takes at least when rows are packed, so tiny bars never overlap
  const AXIS_TICKS = 5;
  const COMPLETION_PATH = 'v1/stats/querier/tracing-completion-by-external-app-spans';

  const $ = (id) => document.getElementById(id);
  const base = pageBase(location.pathname);
  let model = null;

  // ---------------------------------------------------------------- small helpers

  /** The path the page is mounted under: everything before "/trace/", so the API calls work behind a prefix too. */
  function pageBase(path) {
    const i = path.lastIndexOf('/trace/');
    return i < 0 ? '/' : path.slice(0, i + 1);
  }

  function traceIdFromPath(path) {
    const m = /\/trace\/([^/]+)$/.exec(path);
    if (!m) return null;
    try {
      return decodeURIComponent(m[1]);
    } catch (e) {
      return m[1];
    }
  }

  function text(v) {
    return v === null || v === undefined ? '' : String(v);
  }

  /** The first argument that is a finite number (numeric strings count), else 0. */
  function num(...values) {
    for (const v of values) {
      const n = typeof v === 'string' && v !== '' ? Number(v) : v;
      if (typeof n === 'number' && Number.isFinite(n)) return n;
    }
    return 0;
  }

  function fmtUs(us) {
    const a = Math.abs(us);
    if (a >= 1e6) return (us / 1e6).toFixed(2) + 's';
    if (a >= 1e3) return (us / 1e3).toFixed(2) + 'ms';
    return Math.round(us) + 'µs';
  }

  function fmtTime(us) {
    const d = new Date(Math.floor(us / 1000));
    if (Number.isNaN(d.getTime())) return text(us);
    const micros = String(Math.floor(us % 1000)).padStart(3, '0');
    return d.toISOString().replace('Z', micros + 'Z');
  }

  function node(tag, className, content) {
    const n = document.createElement(tag);
    if (className) n.className = className;
    if (content !== undefined && content !== null) n.textContent = content;
    return n;
  }

  function setState(state) {
    document.body.dataset.state = state;
  }

  function showMessage(message, kind) {
    const m = $('message');
    m.textContent = message;
    m.className = kind;
    m.hidden = false;
  }

  function hideMessage() {
    $('message').hidden = true;
  }

  // ---------------------------------------------------------------- what a span is

  /** A: app span (OTel, signal_source 4, or an app tap_side); S: system span (eBPF, 3); N: network span (packets, 0). */
  function spanKind(raw) {
    if (raw.signal_source === 4 || APP_TAP_SIDES.has(raw.tap_side)) return 'A';
    if (raw.signal_source === 3) return 'S';
    return 'N';
  }

  function observationPoint(raw) {
    return text(raw['Enum(tap_side)']) || TAP_SIDES[raw.tap_side] || text(raw.tap_side);
  }

  function protocolOf(raw) {
    const named = text(raw['Enum(l7_protocol)']);
    return text(raw.l7_protocol_str) || (named === 'N/A' ? '' : named);
  }

  /** The service a span is coloured and counted by. Network spans belong to no service. */
  function serviceOf(raw) {
    return text(raw.service_uname) || text(raw.app_service) || text(raw.auto_service) || 'unknown service';
  }

  /** DeepFlow's "call information": protocol, request type and resource. */
  function callText(span) {
    const r = span.raw;
    const parts = [protocolOf(r), text(r.request_type), text(r.request_resource) || text(r.endpoint)].filter(Boolean);
    return parts.length ? parts.join(' ') : (text(r.name) || observationPoint(r));
  }

  function barText(span) {
    const head = span.kind === 'N'
      ? [observationPoint(span.raw), text(span.raw.tap_port_name)]
      : [span.service];
    return head.concat([callText(span)]).filter(Boolean).join(' · ');
  }

  function instanceText(span) {
    const r = span.raw;
    const where = text(r.app_instance) || text(r.auto_instance);
    const who = span.kind === 'A' ? span.service
      : span.kind === 'S' ? (text(r.process_kname) || text(r.gprocess) || (r.process_id ? 'pid ' + r.process_id : ''))
        : (text(r.tap_port_name) || observationPoint(r));
    return [who, where].filter(Boolean).join(' @ ');
  }

  function statusText(raw) {
    const name = RESPONSE_STATUS[raw.response_status] || text(raw.response_status);
    return [name, text(raw.response_code)].filter(Boolean).join(' ');
  }

  /** A stable colour per service name (FNV-1a hash), the same on every page and every load. */
  function serviceColor(name) {
    let h = 0x811c9dc5;
    for (const ch of name) {
      h ^= ch.codePointAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return 'hsl(' + (h % 360) + ', ' + (55 + (h >>> 9) % 25) + '%, ' + (64 + (h >>> 17) % 12) + '%)';
  }

  // ---------------------------------------------------------------- the trace as a tree

  function buildModel(tracing, services) {
    const spans = tracing.map((raw, index) => {
      const kind = spanKind(raw);
      // DeepFlow draws spans at their clock-corrected render times when it has them
      const start = num(raw.render_start_time_us, raw.start_time_us);
      const end = Math.max(start, num(raw.render_end_time_us, raw.end_time_us));
      return {
        raw, index, kind, start, end,
        id: text(raw.deepflow_span_id),
        parentId: text(raw.deepflow_parent_span_id),
        service: kind === 'N' ? null : serviceOf(raw),
        parent: null, children: [], depth: 0, row: 0, bar: null, callRow: null
      };
    });
    link(spans);
    const order = depthFirst(spans);
    // reduce, not Math.min(...): spreading a very large trace into arguments overflows the stack
    const t0 = spans.reduce((m, s) => Math.min(m, s.start), Infinity);
    const t1 = spans.reduce((m, s) => Math.max(m, s.end), -Infinity);
    const range = Math.max(t1 - t0, 1);
    const rowCount = placeRows(order, range);
    return { spans, order, t0, t1, range, rowCount, services: serviceShares(spans, services) };
  }

  /** Parents by deepflow_parent_span_id; a span whose parent is not in the trace is a root. */
  function link(spans) {
    const byId = new Map();
    spans.forEach((s) => {
      if (s.id && !byId.has(s.id)) byId.set(s.id, s);
    });
    spans.forEach((s) => {
      const p = s.parentId ? byId.get(s.parentId) : undefined;
      if (p && p !== s) s.parent = p;
    });
    // bad input must not hang the page: cut every parent cycle where it closes
    spans.forEach((s) => {
      const seen = new Set([s]);
      for (let p = s.parent; p; p = p.parent) {
        if (seen.has(p)) {
          if (p === s) s.parent = null;
          break;
        }
        seen.add(p);
      }
    });
    spans.forEach((s) => {
      if (s.parent) s.parent.children.push(s);
    });
  }

  function byStart(a, b) {
    return a.start - b.start || a.index - b.index;
  }

  /** Pre-order: every span after its parent, siblings by start time. */
  function depthFirst(spans) {
    const order = [];
    const stack = spans.filter((s) => !s.parent).sort(byStart).reverse();
    while (stack.length) {
      const s = stack.pop();
      s.depth = s.parent ? s.parent.depth + 1 : 0;
      order.push(s);
      stack.push(...s.children.slice().sort(byStart).reverse());
    }
    return order;
  }

  /**
   * Rows of the flame graph: each span goes to the first row below its parent where it overlaps no
   * other bar. A chain of calls is a staircase, siblings that follow each other share a row.
   */
  function placeRows(order, range) {
    const rows = [];
    const minWidth = range * MIN_SLOT;
    order.forEach((s) => {
      const a = s.start;
      const b = Math.max(s.end, s.start + minWidth);
      for (let r = s.parent ? s.parent.row + 1 : 0; ; r++) {
        const taken = rows[r] || (rows[r] = []);
        if (taken.every(([x, y]) => b <= x || a >= y)) {
          taken.push([a, b]);
          s.row = r;
          break;
        }
      }
    });
    return rows.length;
  }

  /** DATA.services when the answer has them (L7FlowTracing), else each service's sum of selftime. */
  function serviceShares(spans, services) {
    if (Array.isArray(services) && services.length) {
      return services.map((s) => ({
        name: text(s.service_uname) || text(s.service_uid) || 'unknown service',
        duration: num(s.duration),
        ratio: num(s.duration_ratio)
      }));
    }
    const totals = new Map();
    spans.forEach((s) => {
      if (s.kind === 'N') return;
      const self = Math.max(0, num(s.raw.selftime, s.raw.duration, s.end - s.start));
      totals.set(s.service, (totals.get(s.service) || 0) + self);
    });
    const total = [...totals.values()].reduce((a, b) => a + b, 0);
    return [...totals]
      .map(([name, duration]) => ({ name, duration, ratio: total ? duration * 100 / total : 0 }))
      .sort((a, b) => b.duration - a.duration || a.name.localeCompare(b.name));
  }

  // ---------------------------------------------------------------- drawing

  function render(envelope, source) {
    const data = envelope.DATA || {};
    const tracing = Array.isArray(data.tracing) ? data.tracing : [];
    if (!tracing.length) {
      $('trace').hidden = true;
      showMessage(source + ': the trace has no spans (DeepFlow found nothing for it).', 'info');
      setState('empty');
      return;
    }
    model = buildModel(tracing, data.services);
    hideMessage();
    renderSummary(source, envelope);
    renderAxis();
    renderFlame();
    renderServices();
    renderCalls();
    clearSelection();
    $('trace').hidden = false;
    fitLabels();
    setState('ready');
  }

  /** A bar too short for its text shows the text past its end instead of clipping it to nothing. */
  function fitLabels() {
    if (!model) return;
    model.order.forEach((s) => {
      s.bar.classList.remove('narrow');
      const label = s.bar.querySelector('.label');
      if (label.scrollWidth > label.clientWidth + 1 || s.bar.scrollWidth > s.bar.clientWidth + 1) {
        s.bar.classList.add('narrow');
      }
    });
  }

  function renderSummary(source, envelope) {
    const traceIds = [...new Set(model.spans.map((s) => text(s.raw.trace_id)).filter(Boolean))];
    const counts = { A: 0, S: 0, N: 0 };
    model.spans.forEach((s) => counts[s.kind]++);
    const entry = model.order.find((s) => s.raw.request_resource) || model.order[0];
    const rows = [
      ['Source', source],
      ['Trace ID', traceIds.join(', ') || '—'],
      ['Start', fmtTime(model.t0)],
      ['Duration', fmtUs(model.t1 - model.t0)],
      ['Request', callText(entry)],
      ['Spans', model.spans.length + ' (A ' + counts.A + ', S ' + counts.S + ', N ' + counts.N + ')']
    ];
    const dl = $('summary');
    dl.replaceChildren();
    rows.forEach(([k, v]) => {
      const item = node('div', 'item');
      item.dataset.key = k.toLowerCase().replace(/\W+/g, '-');
      item.append(node('dt', null, k), node('dd', null, v));
      dl.append(item);
    });
    const notes = $('notes');
    notes.replaceChildren(...(Array.isArray(envelope.NOTES) ? envelope.NOTES : []).map((n) => node('li', null, text(n))));
  }

  function renderAxis() {
    const axis = $('axis');
    axis.replaceChildren();
    for (let i = 0; i <= AXIS_TICKS; i++) {
      const tick = node('span', 'tick', fmtUs(model.range * i / AXIS_TICKS));
      tick.style.left = (100 * i / AXIS_TICKS) + '%';
      if (i === AXIS_TICKS) tick.classList.add('last');
      axis.append(tick);
    }
  }

  function pct(us) {
    return (100 * us / model.range) + '%';
  }

  function renderFlame() {
    const flame = $('flame');
    flame.replaceChildren();
    flame.classList.remove('has-selection', 'filtering');
    delete flame.dataset.service;
    flame.style.height = (model.rowCount * ROW_HEIGHT) + 'px';
    model.order.forEach((s) => {
      const bar = node('div', 'bar kind-' + s.kind);
      const d = bar.dataset;
      d.index = s.index;
      d.spanId = s.id;
      d.parentSpanId = s.parentId;
      d.kind = s.kind;
      d.signalSource = text(s.raw.signal_source);
      d.depth = s.depth;
      d.row = s.row;
      if (s.service) {
        d.service = s.service;
        bar.style.backgroundColor = serviceColor(s.service);
      }
      bar.style.left = pct(s.start - model.t0);
      bar.style.width = pct(s.end - s.start);
      bar.style.top = (s.row * ROW_HEIGHT) + 'px';
      bar.tabIndex = 0;
      bar.setAttribute('role', 'button');
      bar.setAttribute('aria-label', KIND_NAMES[s.kind] + ': ' + barText(s));
      const icon = node('span', 'icon', s.kind);
      icon.title = KIND_NAMES[s.kind];
      bar.append(icon, node('span', 'label', barText(s)), node('span', 'duration', fmtUs(s.end - s.start)));
      s.bar = bar;
      flame.append(bar);
    });
  }

  function renderServices() {
    const list = $('services');
    list.replaceChildren();
    model.services.forEach((svc) => {
      const li = node('li', 'service');
      li.dataset.service = svc.name;
      li.dataset.ratio = svc.ratio.toFixed(2);
      li.tabIndex = 0;
      li.title = 'Highlight the spans of ' + svc.name;
      const swatch = node('span', 'swatch');
      swatch.style.backgroundColor = serviceColor(svc.name);
      const share = node('span', 'share');
      share.style.width = Math.min(100, Math.max(0, svc.ratio)) + '%';
      li.append(swatch, node('span', 'name', svc.name), node('span', 'ratio', svc.ratio.toFixed(2) + '%'),
        node('span', 'svc-duration', fmtUs(svc.duration)), share);
      list.append(li);
    });
  }

  function renderCalls() {
    const body = $('calls').tBodies[0];
    body.replaceChildren();
    model.order.forEach((s) => {
      const tr = node('tr');
      tr.dataset.index = s.index;
      tr.dataset.spanId = s.id;
      const icon = node('span', 'icon kind-' + s.kind, s.kind);
      const first = node('td');
      first.append(icon);
      tr.append(node('td', null, String(s.index)), first, node('td', null, s.service || '—'),
        node('td', null, observationPoint(s.raw)), node('td', null, callText(s)),
        node('td', 'num', '+' + fmtUs(s.start - model.t0)), node('td', 'num', fmtUs(s.end - s.start)),
        node('td', 'num', fmtUs(num(s.raw.selftime))), node('td', null, statusText(s.raw)));
      s.callRow = tr;
      body.append(tr);
    });
  }

  // ---------------------------------------------------------------- selection and its panels

  function clearSelection() {
    document.querySelectorAll('.selected, .parent-of-selected').forEach((n) => n.classList.remove('selected', 'parent-of-selected'));
    $('flame').classList.remove('has-selection');
    delete document.body.dataset.selected;
    $('span-details').hidden = true;
    $('details-placeholder').hidden = false;
    $('tracing-source').hidden = true;
    $('source-placeholder').hidden = false;
  }

  /** Highlights the span and its parent (DeepFlow's click) and fills the details and tracing source. */
  function select(span) {
    clearSelection();
    span.bar.classList.add('selected');
    span.callRow.classList.add('selected');
    if (span.parent) {
      span.parent.bar.classList.add('parent-of-selected');
      span.parent.callRow.classList.add('parent-of-selected');
    }
    $('flame').classList.add('has-selection');
    document.body.dataset.selected = span.id;
    renderDetails(span);
    renderSource(span);
  }

  function fieldText(v) {
    if (v === null || v === undefined) return 'null';
    if (Array.isArray(v)) return v.map(text).join(', ');
    return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }

  function renderDetails(span) {
    const table = $('span-details');
    table.dataset.spanId = span.id;
    const caption = table.createCaption();
    caption.replaceChildren(node('span', 'icon kind-' + span.kind, span.kind),
      document.createTextNode(' ' + barText(span) + ' — ' + fmtUs(span.end - span.start)));
    const body = table.tBodies[0];
    body.replaceChildren();
    Object.keys(span.raw).forEach((key) => {
      const tr = node('tr');
      tr.dataset.field = key;
      tr.append(node('th', null, key), node('td', null, fieldText(span.raw[key])));
      body.append(tr);
    });
    table.hidden = false;
    $('details-placeholder').hidden = true;
  }

  /** "3-network,app-7378753814532194406": the related span's output index, the relations, its first _id. */
  function parseRelated(entry) {
    const s = text(entry);
    const first = s.indexOf('-');
    const last = s.lastIndexOf('-');
    if (first <= 0 || last <= first) return { entry: s, index: -1, relation: '?', flowId: s };
    return { entry: s, index: Number(s.slice(0, first)), relation: s.slice(first + 1, last), flowId: s.slice(last + 1) };
  }

  function hasId(span, flowId) {
    return Array.isArray(span.raw._ids) && span.raw._ids.map(text).includes(flowId);
  }

  /** The span an entry of related_ids points at: by index, checked against its _ids; else by _id. */
  function relatedSpan(rel) {
    const byIndex = model.spans[rel.index];
    if (byIndex && hasId(byIndex, rel.flowId)) return byIndex;
    return model.spans.find((s) => hasId(s, rel.flowId)) || byIndex || null;
  }

  function idValue(raw, key) {
    const v = text(raw[key]);
    return v === '0' ? '' : v; // 0 means "none" for every numeric id
  }

  function groupOf(key) {
    return ID_GROUPS.find((g) => g.includes(key));
  }

  function sharesId(a, b, key) {
    const v = idValue(a, key);
    return v !== '' && groupOf(key).some((k) => idValue(b, k) === v);
  }

  function renderSource(span) {
    const table = $('tracing-source');
    table.dataset.spanId = span.id;
    const body = table.tBodies[0];
    body.replaceChildren();
    const related = (Array.isArray(span.raw.related_ids) ? span.raw.related_ids : []).map(parseRelated)
      .map((rel) => Object.assign(rel, { span: relatedSpan(rel) }));
    const others = related.map((rel) => rel.span).filter(Boolean);
    body.append(sourceRow(span, {
      role: 'clicked', relation: 'clicked span', flowId: (span.raw._ids || []).map(text).join(', ')
    }, (key) => others.some((o) => sharesId(span.raw, o.raw, key))));
    related.forEach((rel) => {
      body.append(sourceRow(rel.span, {
        role: 'related', relation: rel.relation, flowId: rel.flowId, entry: rel.entry, index: rel.index
      }, (key) => rel.span !== null && sharesId(rel.span.raw, span.raw, key)));
    });
    if (!related.length) {
      const tr = node('tr', 'none');
      const td = node('td', null, 'No related spans: related_ids is empty.');
      td.colSpan = 6;
      tr.append(td);
      body.append(tr);
    }
    table.hidden = false;
    $('source-placeholder').hidden = true;
  }

  function sourceRow(span, info, isRelatedId) {
    const tr = node('tr', 'source-row ' + info.role);
    tr.dataset.role = info.role;
    tr.dataset.relation = info.relation;
    tr.dataset.relatedId = info.flowId;
    if (info.entry) tr.dataset.entry = info.entry;
    const raw = span ? span.raw : {};
    const spanCell = node('td', 'span-cell');
    if (span) {
      tr.dataset.index = span.index;
      tr.dataset.spanId = span.id;
      spanCell.append(node('span', 'icon kind-' + span.kind, span.kind), document.createTextNode(' ' + barText(span)));
    } else {
      spanCell.textContent = 'not in this trace';
    }
    const mount = node('td', 'mount-reason', text(raw.set_parent_info) || '—');
    tr.append(node('td', null, span ? String(span.index) : text(info.index)), spanCell,
      node('td', 'relation', info.relation), node('td', 'related-id-cell', info.flowId), mount);
    // only the ids the span has; all its fields are in the details panel
    const ids = node('td', 'ids');
    ID_COLUMNS.filter((key) => idValue(raw, key) !== '').forEach((key) => {
      const chip = node('span', 'id-chip');
      chip.dataset.field = key;
      chip.append(node('span', 'k', key), document.createTextNode(' ' + idValue(raw, key)));
      if (span && isRelatedId(key)) chip.classList.add('related-id');
      ids.append(chip);
    });
    tr.append(ids);
    return tr;
  }

  // ---------------------------------------------------------------- tooltip

  function showTooltip(span, event) {
    const tip = $('tooltip');
    const self = num(span.raw.selftime);
    const total = span.end - span.start;
    tip.replaceChildren(
      node('div', 'tip-call', KIND_NAMES[span.kind] + ' · ' + callText(span)),
      node('div', 'tip-instance', instanceText(span) || observationPoint(span.raw)),
      node('div', 'tip-time', fmtUs(total) + (total > 0 ? ' (self ' + fmtUs(self) + ', '
        + (100 * self / total).toFixed(1) + '%)' : '')));
    tip.hidden = false;
    const panel = $('flame-panel').getBoundingClientRect();
    const x = Math.min(event.clientX - panel.left + 12, panel.width - tip.offsetWidth - 4);
    tip.style.left = Math.max(0, x) + 'px';
    tip.style.top = (event.clientY - panel.top + 16) + 'px';
  }

  // ---------------------------------------------------------------- loading and the forms

  async function fetchEnvelope(url, init) {
    let response;
    try {
      response = await fetch(url, init);
    } catch (e) {
      throw new Error('cannot reach the server: ' + e.message);
    }
    const body = await response.text();
    let envelope;
    try {
      envelope = JSON.parse(body);
    } catch (e) {
      throw new Error('HTTP ' + response.status + ': the answer is not JSON' + (body ? ': ' + body.slice(0, 200) : ''));
    }
    if (!envelope || typeof envelope !== 'object') {
      throw new Error('HTTP ' + response.status + ': the answer is not an API envelope');
    }
    if (envelope.OPT_STATUS !== 'SUCCESS') {
      throw new Error((text(envelope.OPT_STATUS) || 'HTTP ' + response.status)
        + (envelope.DESCRIPTION ? ': ' + envelope.DESCRIPTION : ''));
    }
    return envelope;
  }

  function fail(error) {
    $('trace').hidden = true;
    showMessage(error.message, 'error');
    setState('error');
  }

  function loadTrace(id) {
    $('trace-id-input').value = id;
    document.title = 'tracefill · trace ' + id;
    showMessage('Loading trace ' + id + ' …', 'info');
    setState('loading');
    fetchEnvelope(base + 'v1/traces/' + encodeURIComponent(id))
      .then((envelope) => render(envelope, 'trace ' + id))
      .catch(fail);
  }

  function complete(event) {
    event.preventDefault();
    const body = $('app-spans').value;
    let request;
    try {
      request = JSON.parse(body);
    } catch (e) {
      fail(new Error('The request is not JSON: ' + e.message));
      return;
    }
    const count = request && Array.isArray(request.app_spans) ? request.app_spans.length : 0;
    showMessage('Completing ' + count + ' app span(s) …', 'info');
    setState('loading');
    fetchEnvelope(base + COMPLETION_PATH, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body
    }).then((envelope) => render(envelope, 'Trace Completion of ' + count + ' app span(s)'))
      .catch(fail);
  }

  function spanOf(target) {
    const holder = target.closest('[data-index]');
    return holder && model ? model.spans[Number(holder.dataset.index)] || null : null;
  }

  function toggleService(name) {
    const flame = $('flame');
    const wasOn = flame.dataset.service === name;
    flame.querySelectorAll('.service-highlight').forEach((b) => b.classList.remove('service-highlight'));
    $('services').querySelectorAll('.active').forEach((li) => li.classList.remove('active'));
    if (wasOn) {
      delete flame.dataset.service;
      flame.classList.remove('filtering');
      return;
    }
    flame.dataset.service = name;
    flame.classList.add('filtering');
    model.order.filter((s) => s.service === name).forEach((s) => s.bar.classList.add('service-highlight'));
    [...$('services').children].filter((li) => li.dataset.service === name).forEach((li) => li.classList.add('active'));
  }

  function wire() {
    $('open-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const id = $('trace-id-input').value.trim();
      if (id) location.href = base + 'trace/' + encodeURIComponent(id);
    });
    $('completion-form').addEventListener('submit', complete);
    const flame = $('flame');
    flame.addEventListener('click', (e) => {
      const span = e.target.closest('.bar') ? spanOf(e.target) : null;
      if (span) select(span);
    });
    flame.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && e.target.classList.contains('bar')) {
        e.preventDefault();
        const span = spanOf(e.target);
        if (span) select(span);
      }
    });
    flame.addEventListener('mousemove', (e) => {
      const span = e.target.closest('.bar') ? spanOf(e.target) : null;
      if (span) showTooltip(span, e);
      else $('tooltip').hidden = true;
    });
    flame.addEventListener('mouseleave', () => {
      $('tooltip').hidden = true;
    });
    // a row of the call list or of the tracing source selects its span, as in DeepFlow's lists
    [$('calls'), $('tracing-source')].forEach((table) => table.addEventListener('click', (e) => {
      const span = spanOf(e.target);
      if (span) select(span);
    }));
    $('services').addEventListener('click', (e) => {
      const li = e.target.closest('.service');
      if (li) toggleService(li.dataset.service);
    });
    $('toggle-services').addEventListener('click', () => {
      const collapsed = $('viz').classList.toggle('collapsed');
      $('toggle-services').setAttribute('aria-expanded', String(!collapsed));
      $('toggle-services').textContent = collapsed ? '›' : '‹';
    });
  }

  function init() {
    // a bug of this page or a trace it cannot draw must say so, not leave "Loading" on screen
    window.addEventListener('error', (e) => fail(new Error('The page failed: ' + e.message)));
    wire();
    // labels are fitted to the bars' pixel widths, which change with the window
    new ResizeObserver(fitLabels).observe($('flame'));
    const id = traceIdFromPath(location.pathname);
    if (id === null) {
      $('completion').open = true;
      setState('idle');
      return;
    }
    loadTrace(id);
  }

  init();
}());

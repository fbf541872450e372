// supervisor4j web page: live process table over server-sent events, actions over the JSON API, log view that
// follows a log by polling the bytes appended since the last read and pages back on demand. No dependencies.
'use strict';

const $ = (sel) => document.querySelector(sel);
const RUNNING_STATES = new Set(['RUNNING', 'STARTING', 'BACKOFF']);
const SIGNALLABLE = new Set(['RUNNING', 'STARTING', 'STOPPING']);
let processes = [];
let skew = 0; // server clock minus ours, seconds

function enc(s) { return encodeURIComponent(s); }

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

function showMessage(text, isError) {
  const m = $('#message');
  m.textContent = text;
  m.className = isError ? 'error' : '';
  m.hidden = !text;
}

async function api(method, path) {
  const res = await fetch('/api/v1/' + path, { method, headers: { 'Accept': 'application/json' } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ? body.error.message : res.status + ' ' + res.statusText);
  return body;
}

function describeResults(verb, value) {
  if (!Array.isArray(value)) return verb + ': done';
  const bad = value.filter((r) => r.status !== 80);
  if (value.length === 0) return verb + ': nothing to do';
  const names = value.map((r) => r.group === r.name ? r.name : r.group + ':' + r.name);
  if (bad.length === 0) return verb + ': ' + names.join(', ');
  return verb + ' with errors: ' + bad.map((r) => r.name + ' (' + r.description + ')').join(', ');
}

async function act(path, verb, button) {
  if (button) button.disabled = true;
  showMessage(verb + '…');
  try {
    const value = await api('POST', path);
    showMessage(describeResults(verb, value));
  } catch (e) {
    showMessage(verb + ' failed: ' + e.message, true);
  } finally {
    if (button) button.disabled = false;
  }
}

function askSignal() {
  const s = window.prompt('Signal (name or number), e.g. HUP, USR1, TERM', 'HUP');
  return s ? s.trim() : null;
}

function timedelta(seconds) {
  seconds = Math.max(0, Math.floor(seconds));
  const days = Math.floor(seconds / 86400);
  const rest = seconds % 86400;
  const hms = Math.floor(rest / 3600) + ':' + String(Math.floor(rest % 3600 / 60)).padStart(2, '0') + ':' +
    String(rest % 60).padStart(2, '0');
  return days === 0 ? hms : days + (days === 1 ? ' day, ' : ' days, ') + hms;
}

function description(p) {
  if (p.statename === 'RUNNING') return 'uptime ' + timedelta(Date.now() / 1000 + skew - p.start);
  const d = p.description || '';
  // the daemon puts the reason at the end of the description too: the reason line below shows it once
  if (p.reason && d.endsWith(p.reason)) return d.slice(0, d.length - p.reason.length).replace(/, $/, '');
  return d;
}

function processButtons(p) {
  const ns = p.namespec;
  const b = [];
  const btn = (label, onclick) =>
    el('button', { onclick, 'data-action': label.toLowerCase(), 'data-process': ns }, label);
  if (RUNNING_STATES.has(p.statename)) {
    b.push(btn('Stop', (e) => act('processes/' + enc(ns) + '/stop', 'Stop ' + ns, e.target)));
    b.push(btn('Restart', (e) => act('processes/' + enc(ns) + '/restart', 'Restart ' + ns, e.target)));
  } else if (p.statename !== 'STOPPING' && p.statename !== 'UNKNOWN') {
    b.push(btn('Start', (e) => act('processes/' + enc(ns) + '/start', 'Start ' + ns, e.target)));
  }
  if (SIGNALLABLE.has(p.statename)) {
    b.push(btn('Signal', (e) => {
      const s = askSignal();
      if (s) act('processes/' + enc(ns) + '/signal?signal=' + enc(s), 'Signal ' + s + ' to ' + ns, e.target);
    }));
  }
  b.push(btn('Clear', (e) => act('processes/' + enc(ns) + '/clear', 'Clear log of ' + ns, e.target)));
  b.push(btn('Log', () => openLog(ns, 'stdout')));
  if (p.stderr_logfile) b.push(btn('Stderr', () => openLog(ns, 'stderr')));
  return el('div', { class: 'actions' }, ...b);
}

function groupButtons(group) {
  const g = enc(group);
  const btn = (label, onclick) =>
    el('button', { onclick, 'data-action': label.toLowerCase(), 'data-group': group }, label);
  return el('div', { class: 'actions' },
    btn('Start', (e) => act('groups/' + g + '/start', 'Start group ' + group, e.target)),
    btn('Stop', (e) => act('groups/' + g + '/stop', 'Stop group ' + group, e.target)),
    btn('Restart', (e) => act('groups/' + g + '/restart', 'Restart group ' + group, e.target)),
    btn('Signal', (e) => {
      const s = askSignal();
      if (s) act('groups/' + g + '/signal?signal=' + enc(s), 'Signal ' + s + ' to group ' + group, e.target);
    }));
}

function render() {
  const body = $('#procs tbody');
  const rows = [];
  const groups = new Map();
  for (const p of processes) {
    if (!groups.has(p.group)) groups.set(p.group, []);
    groups.get(p.group).push(p);
  }
  for (const [group, members] of groups) {
    const homogeneousSingle = members.length === 1 && members[0].name === group;
    if (!homogeneousSingle) {
      rows.push(el('tr', { class: 'group', 'data-group': group },
        el('td', { colspan: '4' }, 'group ' + group), el('td', {}, groupButtons(group))));
    }
    for (const p of members) {
      const reason = p.reason ? el('div', { class: 'reason' }, p.reason, ' ',
        p.why ? el('a', { href: '#', onclick: (e) => { e.preventDefault(); showWhy(p); } }, 'why?') : null) : null;
      rows.push(el('tr', { class: 'proc', 'data-process': p.namespec, 'data-state': p.statename },
        el('td', {}, el('span', { class: 'state ' + p.statename }, p.statename)),
        el('td', { class: 'name' }, el('a', { href: '#log=' + enc(p.namespec),
          onclick: (e) => { e.preventDefault(); openLog(p.namespec, 'stdout'); } }, p.namespec)),
        el('td', { class: 'pid' }, p.pid ? String(p.pid) : ''),
        el('td', { class: 'desc' }, el('span', { class: 'text' }, description(p)), reason),
        el('td', {}, processButtons(p))));
    }
  }
  body.replaceChildren(...rows);
  $('#empty').hidden = processes.length !== 0;
  $('#procs').hidden = processes.length === 0;
}

function tick() {
  for (const p of processes) {
    if (p.statename !== 'RUNNING') continue;
    const row = document.querySelector('tr.proc[data-process="' + CSS.escape(p.namespec) + '"] .desc .text');
    if (row) row.textContent = description(p);
  }
}

function showWhy(p) {
  $('#whytext').textContent = p.why;
  $('#whydialog').showModal();
}

function connect() {
  const source = new EventSource('/api/v1/events');
  source.addEventListener('state', (e) => {
    const snapshot = JSON.parse(e.data);
    skew = snapshot.now - Date.now() / 1000;
    processes = snapshot.processes;
    $('#live').textContent = 'live';
    $('#live').classList.remove('off');
    render();
  });
  source.onerror = () => {
    $('#live').textContent = 'reconnecting';
    $('#live').classList.add('off');
  };
}

// ---- log view
const log = { ns: null, channel: 'stdout', first: 0, next: 0, timer: null, busy: false, generation: 0 };

function openLog(ns, channel) {
  log.ns = ns;
  log.channel = channel;
  log.generation++;
  $('#logname').textContent = ns;
  $('#logchannel').value = channel;
  $('#lograw').href = '/logtail/' + enc(ns) + '/' + channel; // supervisord's tail -f stream, unchanged
  $('#logtext').textContent = '';
  $('#logview').hidden = false;
  history.replaceState(null, '', '#log=' + enc(ns) + (channel === 'stderr' ? '&channel=stderr' : ''));
  const generation = log.generation;
  logPath('').then((page) => {
    if (generation !== log.generation) return;
    log.first = page.start;
    log.next = page.end;
    appendLog(page.data);
    $('#logolder').disabled = page.start === 0;
    setLogState(page);
    followLog();
  }).catch((e) => { $('#logstate').textContent = e.message; });
  $('#logview').scrollIntoView({ block: 'nearest' });
}

function logPath(query) {
  return api('GET', 'processes/' + enc(log.ns) + '/log/' + log.channel + (query ? '?' + query : ''));
}

function setLogState(page) {
  $('#logstate').textContent = 'bytes ' + log.first + '–' + log.next + ' of ' + page.size;
}

function appendLog(text) {
  if (!text) return;
  const pre = $('#logtext');
  const atBottom = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 30;
  pre.append(text);
  if (atBottom || $('#logfollow').checked) pre.scrollTop = pre.scrollHeight;
}

function followLog() {
  clearTimeout(log.timer);
  const generation = log.generation;
  log.timer = setTimeout(async () => {
    if (generation !== log.generation || $('#logview').hidden) return;
    if ($('#logfollow').checked) {
      try {
        const page = await logPath('after=' + log.next + '&length=65536');
        if (generation !== log.generation) return;
        if (page.start < log.next) appendLog('\n==> File truncated <==\n');
        log.next = page.end;
        appendLog(page.data);
        setLogState(page);
      } catch (e) {
        $('#logstate').textContent = e.message;
      }
    }
    followLog();
  }, 500);
}

async function olderLog() {
  if (log.first === 0) return;
  const page = await logPath('before=' + log.first + '&length=16384');
  const pre = $('#logtext');
  const fromBottom = pre.scrollHeight - pre.scrollTop;
  pre.prepend(page.data);
  pre.scrollTop = pre.scrollHeight - fromBottom;
  log.first = page.start;
  $('#logolder').disabled = page.start === 0;
  setLogState(page);
}

function closeLog() {
  log.generation++;
  clearTimeout(log.timer);
  $('#logview').hidden = true;
  history.replaceState(null, '', location.pathname);
}

// ---- start
function init() {
  const params = new URLSearchParams(location.search);
  if (params.get('message')) showMessage(params.get('message'), params.get('message').startsWith('ERROR'));
  document.querySelectorAll('[data-all]').forEach((b) => b.addEventListener('click', () => {
    const what = b.dataset.all;
    if (what === 'signal') {
      const s = askSignal();
      if (s) act('all/signal?signal=' + enc(s), 'Signal ' + s + ' to all', b);
    } else {
      act('all/' + what, b.textContent, b);
    }
  }));
  $('#reread').addEventListener('click', async () => {
    try {
      const d = await api('POST', 'reread');
      const parts = [['added', d.added], ['changed', d.changed], ['removed', d.removed]]
        .filter(([, v]) => v.length).map(([k, v]) => v.join(', ') + ': ' + k);
      showMessage(parts.length ? parts.join('; ') : 'No config updates to processes');
    } catch (e) { showMessage('Reread failed: ' + e.message, true); }
  });
  $('#update').addEventListener('click', (e) => act('update', 'Update', e.target));
  $('#logchannel').addEventListener('change', () => openLog(log.ns, $('#logchannel').value));
  $('#logolder').addEventListener('click', () => olderLog().catch((e) => { $('#logstate').textContent = e.message; }));
  $('#logclose').addEventListener('click', closeLog);
  api('GET', 'supervisor').then((s) => { $('#ident').textContent = s.identification + ' · ' + s.version; })
    .catch(() => {});
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('log')) openLog(hash.get('log'), hash.get('channel') === 'stderr' ? 'stderr' : 'stdout');
  connect();
  setInterval(tick, 1000);
}

init();

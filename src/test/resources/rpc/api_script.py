# One script of XML-RPC calls, run against the real supervisord and against supervisor4j with the same
# configuration. Prints one JSON line per call: the result or the fault, with run-specific values masked
# (pids, times, the scratch directory, random AUTO log names). Usage: api_script.py <socket> <conf> <dir>
import json, os, re, sys, time, xmlrpc.client
from supervisor.xmlrpc import SupervisorTransport

sock, conf, base = sys.argv[1], sys.argv[2], sys.argv[3]
proxy = xmlrpc.client.ServerProxy('http://127.0.0.1', transport=SupervisorTransport(None, None, 'unix://' + sock))
sup, system = proxy.supervisor, proxy.system

AUTO = re.compile(r'(-(stdout|stderr)---e2e-)[a-z0-9_]+(\.log)')
STOPTIME = re.compile(r'^[A-Z][a-z]{2} \d\d \d\d:\d\d [AP]M$')
UPTIME = re.compile(r'^pid \d+, uptime \d+:\d\d:\d\d$')
TIMES = ('pid', 'start', 'stop', 'now')
# supervisor4j's additions (extra struct members, its own namespace): checked by its own tests, not compared here
OURS = ('reason',)

def mask(v, key=None):
    if isinstance(v, dict):
        return {k: mask(x, k) for k, x in v.items() if k not in OURS}
    if isinstance(v, list):
        return [mask(x) for x in v]
    if isinstance(v, bool):
        return v
    if isinstance(v, int) and key in TIMES:
        return '<nonzero>' if v else 0
    if isinstance(v, str):
        v = AUTO.sub(r'\1XXXXXXXX\3', v.replace(base, '<DIR>'))
        if STOPTIME.match(v):
            return '<stoptime>'
        if UPTIME.match(v):
            return 'pid <pid>, uptime <uptime>'
    return v

def by_name(results):
    return sorted(results, key=lambda r: (r['group'], r['name']))

def call(label, fn, post=lambda v: v, fault_text=lambda s: s):
    try:
        out = {'result': mask(post(fn()))}
    except xmlrpc.client.Fault as f:
        out = {'fault': f.faultCode, 'string': fault_text(mask(f.faultString))}
    except xmlrpc.client.ProtocolError as e:
        out = {'protocol': e.errcode}
    print(json.dumps({'call': label, **out}, sort_keys=True), flush=True)

def wait_state(name, *states):
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            if sup.getProcessInfo(name)['statename'] in states:
                return
        except xmlrpc.client.Fault:
            pass
        time.sleep(0.05)
    raise SystemExit('timeout waiting for %s in %s' % (name, states))

def wait_log(name, text):
    deadline = time.time() + 30
    while time.time() < deadline and text not in sup.readProcessStdoutLog(name, 0, 0):
        time.sleep(0.05)

for n in ('cat', 'deaf', 'grp:ga', 'grp:gb'):
    wait_state(n, 'RUNNING')

call('getAPIVersion', sup.getAPIVersion)
call('getVersion', sup.getVersion)
call('getSupervisorVersion', sup.getSupervisorVersion)
call('getIdentification', sup.getIdentification)
call('getState', sup.getState)
call('getPID', sup.getPID, lambda v: isinstance(v, int) and v > 1)
methods = [m for m in system.listMethods() if not m.startswith('supervisor4j.')]
call('listMethods', lambda: methods)
for m in methods:
    call('methodSignature ' + m, lambda: system.methodSignature(m))
    call('methodHelp tags ' + m, lambda: system.methodHelp(m),
         lambda h: [l.split()[:2] for l in h.splitlines() if l.strip().startswith('@')])
call('methodSignature nope', lambda: system.methodSignature('supervisor.nope'))
call('methodHelp nope', lambda: system.methodHelp('supervisor.nope'))

call('getAllProcessInfo', sup.getAllProcessInfo)
call('getProcessInfo cat', lambda: sup.getProcessInfo('cat'))
call('getProcessInfo group', lambda: sup.getProcessInfo('grp'))
call('getProcessInfo grp:*', lambda: sup.getProcessInfo('grp:*'))
call('start running', lambda: sup.startProcess('cat'))
call('start unknown', lambda: sup.startProcess('nope'))
call('start unknown in group', lambda: sup.startProcess('grp:nope'))
call('start missing', lambda: sup.startProcess('missing'))
call('start notexec', lambda: sup.startProcess('notexec'))
call('start quick', lambda: sup.startProcess('quick'))
call('stop stopped', lambda: sup.stopProcess('sleeper'))
call('signal stopped', lambda: sup.signalProcess('sleeper', 'HUP'))
call('signal bad', lambda: sup.signalProcess('cat', 'NOPE'))
call('unknown method', lambda: sup.nope())
call('private method', lambda: sup._update('x'))
call('dotted method', lambda: getattr(proxy, 'supervisor.getState.x')())
call('too many args', lambda: sup.getPID(1))
call('too few args', lambda: sup.getProcessInfo())
call('stdin not a string', lambda: sup.sendProcessStdin('cat', 5))
call('stdin closed', lambda: sup.sendProcessStdin('deaf', 'x'))
call('stdin stopped', lambda: sup.sendProcessStdin('sleeper', 'x'))
call('stdin unknown', lambda: sup.sendProcessStdin('nope', 'x'))
call('add active', lambda: sup.addProcessGroup('cat'))
call('add unknown', lambda: sup.addProcessGroup('nope'))
call('remove running', lambda: sup.removeProcessGroup('cat'))
call('remove unknown', lambda: sup.removeProcessGroup('nope'))

call('start sleeper', lambda: sup.startProcess('sleeper'))
call('info sleeper', lambda: sup.getProcessInfo('sleeper'))
call('signal sleeper CONT', lambda: sup.signalProcess('sleeper', 'CONT'))
call('signal sleeper 18', lambda: sup.signalProcess('sleeper', '18'))
call('signal sleeper SIGCONT', lambda: sup.signalProcess('sleeper', 'SIGCONT'))
call('stop sleeper', lambda: sup.stopProcess('sleeper'))
call('info sleeper stopped', lambda: sup.getProcessInfo('sleeper'))
call('start sleeper nowait', lambda: sup.startProcess('sleeper', False))
call('stop sleeper nowait', lambda: sup.stopProcess('sleeper', False))
wait_state('sleeper', 'STOPPED')
call('stopProcessGroup', lambda: sup.stopProcessGroup('grp'), by_name)
call('startProcessGroup', lambda: sup.startProcessGroup('grp'), by_name)
call('stop grp:*', lambda: sup.stopProcess('grp:*'), by_name)
call('start grp:', lambda: sup.startProcess('grp:'), by_name)
call('signalProcessGroup', lambda: sup.signalProcessGroup('grp', 'CONT'))
call('signalProcessGroup bad', lambda: sup.signalProcessGroup('grp', 'NOPE'))
call('signal grp:*', lambda: sup.signalProcess('grp:*', 'CONT'))
call('startProcessGroup unknown', lambda: sup.startProcessGroup('nope'))
call('stopProcessGroup unknown', lambda: sup.stopProcessGroup('nope'))
call('signalProcessGroup unknown', lambda: sup.signalProcessGroup('nope', 'HUP'))
call('signalAllProcesses', lambda: sup.signalAllProcesses('CONT'))

call('stdin cat', lambda: sup.sendProcessStdin('cat', 'hello w\u00f6rld\n'))
wait_log('cat', 'hello')
call('read cat', lambda: sup.readProcessStdoutLog('cat', 0, 0))
call('readProcessLog tail', lambda: sup.readProcessLog('cat', -3, 0))
call('read slice', lambda: sup.readProcessStdoutLog('cat', 1, 4))
call('read past end', lambda: sup.readProcessStdoutLog('cat', 100, 4))
call('read bad args', lambda: sup.readProcessStdoutLog('cat', -1, 1))
call('read bad length', lambda: sup.readProcessStdoutLog('cat', 0, -1))
call('read stderr', lambda: sup.readProcessStderrLog('cat', 0, 0))
call('read no file', lambda: sup.readProcessStdoutLog('missing', 0, 0))
call('read unknown', lambda: sup.readProcessStdoutLog('nope', 0, 0))
call('read group', lambda: sup.readProcessStdoutLog('grp:*', 0, 0))
call('tail cat', lambda: sup.tailProcessStdoutLog('cat', 0, 2))
call('tailProcessLog', lambda: sup.tailProcessLog('cat', 0, 100))
call('tail at end', lambda: sup.tailProcessStdoutLog('cat', 14, 10))
call('tail stderr', lambda: sup.tailProcessStderrLog('cat', 0, 10))
call('tail no file', lambda: sup.tailProcessStdoutLog('missing', 0, 10))
call('tail unknown', lambda: sup.tailProcessStdoutLog('nope', 0, 10))
call('clearProcessLogs', lambda: sup.clearProcessLogs('cat'))
call('read cleared', lambda: sup.readProcessStdoutLog('cat', 0, 0))
call('clearProcessLog', lambda: sup.clearProcessLog('cat'))
call('clearProcessLogs unknown', lambda: sup.clearProcessLogs('nope'))
call('clearAllProcessLogs', sup.clearAllProcessLogs)

call('readLog type', lambda: sup.readLog(0, 0), lambda v: type(v).__name__)
call('readMainLog size', lambda: sup.readMainLog(0, 5), len)
call('readLog bad', lambda: sup.readLog(-1, 5))
call('clearLog', sup.clearLog)

call('getAllConfigInfo', sup.getAllConfigInfo)
call('reloadConfig unchanged', sup.reloadConfig)
with open(conf) as f:
    original = f.read()
with open(conf, 'w') as f:
    f.write(original.replace('command=/bin/sleep 1001', 'command=/bin/sleep 1002')
            + '\n[program:added]\ncommand=/bin/sleep 1000\nstartsecs=0\nuser=nobody\ndirectory=/tmp\n'
            + 'stdout_logfile=NONE\nexitcodes=0,2\nstopsignal=INT\n')
call('reloadConfig changed', sup.reloadConfig)
call('getAllConfigInfo after reread', sup.getAllConfigInfo)
call('getAllProcessInfo after reread', sup.getAllProcessInfo)
call('addProcessGroup', lambda: sup.addProcessGroup('added'))
wait_state('added', 'RUNNING')
call('addProcessGroup again', lambda: sup.addProcessGroup('added'))
call('removeProcessGroup running', lambda: sup.removeProcessGroup('added'))
call('stop added', lambda: sup.stopProcess('added'))
call('removeProcessGroup', lambda: sup.removeProcessGroup('added'))
call('info removed', lambda: sup.getProcessInfo('added'))
with open(conf, 'w') as f:
    f.write(original + '\n[program:broken]\n')
# supervisor4j words configuration errors its own way (file:line first): compare the gist only
call('reloadConfig broken', sup.reloadConfig,
     fault_text=lambda s: [s.split(':')[0], 'program:broken does not specify a command' in s])
with open(conf, 'w') as f:
    f.write(original)
call('reloadConfig restored', sup.reloadConfig)

call('multicall', lambda: system.multicall([
    {'methodName': 'supervisor.getAPIVersion', 'params': []},
    {'methodName': 'supervisor.nope', 'params': []},
    {'methodName': 'supervisor.startProcess', 'params': ['sleeper']},
    {'methodName': 'supervisor.stopProcess', 'params': ['sleeper']},
    {'methodName': 'supervisor.getProcessInfo', 'params': ['nope']},
    {'methodName': 'system.multicall', 'params': [[]]},
    {'params': []},
]))
call('stopAllProcesses', sup.stopAllProcesses, by_name)
call('startAllProcesses nowait', lambda: sup.startAllProcesses(False), by_name)
call('stopAllProcesses nowait', lambda: sup.stopAllProcesses(False), by_name)
call('sendRemoteCommEvent', lambda: sup.sendRemoteCommEvent('type', 'data'))
wait_state('stubborn', 'STOPPED')
if os.path.exists(base + '/trapped'):
    os.remove(base + '/trapped')
call('start stubborn', lambda: sup.startProcess('stubborn'))
# the shutdown must find the shell ignoring SIGTERM, so that the daemon stays in SHUTDOWN state for a while
deadline = time.time() + 30
while not os.path.exists(base + '/trapped') and time.time() < deadline:
    time.sleep(0.05)
call('shutdown', sup.shutdown)
call('getState in shutdown', sup.getState)
call('getProcessInfo in shutdown', lambda: sup.getProcessInfo('stubborn'))
call('signalAllProcesses in shutdown', lambda: sup.signalAllProcesses('CONT'))
call('sendRemoteCommEvent in shutdown', lambda: sup.sendRemoteCommEvent('type', 'data'))
call('listMethods in shutdown', system.listMethods,
     lambda ms: len([m for m in ms if not m.startswith('supervisor4j.')]))

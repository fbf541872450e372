#!/usr/bin/python3
"""Event listener for tests, in the spirit of superlance's memmon: on every TICK event it reads the RSS of
each RUNNING process (from /proc) through supervisord's XML-RPC API and restarts (stopProcess + startProcess)
every process whose RSS exceeds the limit.

Usage: memmon.py LIMIT_BYTES [ACTIONS_FILE]     (subscribe with events=TICK_5)
Talks to SUPERVISOR_SERVER_URL: http:// with xmlrpc.client; unix:// with supervisor.childutils (needs Debian's
/usr/bin/python3). Each restart is appended to ACTIONS_FILE (if given) as "restarted <group:name> rss=<bytes>".
"""
import os
import sys
import xmlrpc.client


def rpc():
    url = os.environ['SUPERVISOR_SERVER_URL']
    if url.startswith('unix://'):
        from supervisor import childutils
        return childutils.getRPCInterface(os.environ)
    return xmlrpc.client.ServerProxy(url.rstrip('/') + '/RPC2')


def rss_bytes(pid):
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1]) * 1024
    except OSError:
        return 0
    return 0


def check(limit, actions):
    proxy = rpc()
    myname = os.environ.get('SUPERVISOR_PROCESS_NAME')
    for info in proxy.supervisor.getAllProcessInfo():
        if info['statename'] != 'RUNNING' or info['name'] == myname:
            continue
        rss = rss_bytes(info['pid'])
        if rss > limit:
            spec = '%s:%s' % (info['group'], info['name'])
            proxy.supervisor.stopProcess(spec)
            proxy.supervisor.startProcess(spec)
            sys.stderr.write('memmon: restarted %s rss=%d\n' % (spec, rss))
            sys.stderr.flush()
            if actions:
                with open(actions, 'a') as f:
                    f.write('restarted %s rss=%d\n' % (spec, rss))


def main():
    limit = int(sys.argv[1])
    actions = sys.argv[2] if len(sys.argv) > 2 else None
    while True:
        sys.stdout.write('READY\n')
        sys.stdout.flush()
        header = sys.stdin.readline()
        if not header:
            return 0
        headers = dict(t.split(':', 1) for t in header.split())
        sys.stdin.read(int(headers['len']))
        if headers['eventname'].startswith('TICK'):
            try:
                check(limit, actions)
            except Exception as e:  # keep listening: one failed poll must not kill the listener
                sys.stderr.write('memmon: %s\n' % e)
                sys.stderr.flush()
        sys.stdout.write('RESULT 2\nOK')
        sys.stdout.flush()


if __name__ == '__main__':
    sys.exit(main())

"""Dump what supervisord 4.2.5 computes from a config file, as JSON, for supervisor4j's differential tests.

Usage: /usr/bin/python3 dump_config.py FILE [supervisord options...]
       /usr/bin/python3 dump_config.py --many FILE...   (one JSON object: file -> {"config": ...} | {"error": msg})

The file is loaded with ServerOptions.realize() (the same path supervisord takes before it starts anything): no
daemonizing, no rlimits, no log files. A config error prints the message and exits 1.
"""
import json
import os
import re
import socket
import sys

from supervisor import datatypes, loggers
from supervisor.options import ServerOptions, EventListenerPoolConfig, FastCGIGroupConfig


class ConfigError(Exception):
    pass


def java_path(p):
    # supervisor4j keeps paths as java.nio.file.Path, whose string form folds "//" and drops a trailing "/".
    if p is None:
        return None
    p = re.sub('/+', '/', p)
    return p[:-1] if len(p) > 1 and p.endswith('/') else p


def logfile(v):
    if v is datatypes.Automatic:
        return 'AUTO'
    if v is None or v == '':
        return 'NONE'  # '' means "no log" to supervisord's dispatchers, as None does
    return java_path(v)


def level_name(num):
    for name in ('critical', 'error', 'warn', 'info', 'debug', 'trace', 'blather'):
        if getattr(loggers.LevelsByDescription, name) == num:
            return name
    return str(num)


def spec(obj):
    return '%s:%s' % (obj.__module__, obj.__name__)


def process(p):
    d = {
        'name': p.name, 'command': p.command, 'directory': java_path(p.directory), 'umask': p.umask,
        'priority': p.priority, 'autostart': bool(p.autostart),
        'autorestart': {datatypes.RestartUnconditionally: 'true', datatypes.RestartWhenExitUnexpected: 'unexpected',
                        False: 'false'}[p.autorestart],
        'startsecs': p.startsecs, 'startretries': p.startretries, 'uid': p.uid,
        'stopsignal': int(p.stopsignal), 'stopwaitsecs': p.stopwaitsecs, 'stopasgroup': bool(p.stopasgroup),
        'killasgroup': bool(p.killasgroup), 'exitcodes': sorted(set(p.exitcodes)),
        'redirect_stderr': bool(p.redirect_stderr), 'environment': dict(p.environment or {}),
        'serverurl': 'AUTO' if p.serverurl is None else p.serverurl,
    }
    for ch in ('stdout', 'stderr'):
        d[ch] = {
            'logfile': logfile(getattr(p, ch + '_logfile')),
            'maxbytes': getattr(p, ch + '_logfile_maxbytes'), 'backups': getattr(p, ch + '_logfile_backups'),
            'capture_maxbytes': getattr(p, ch + '_capture_maxbytes'),
            'events_enabled': bool(getattr(p, ch + '_events_enabled')), 'syslog': bool(getattr(p, ch + '_syslog')),
        }
    return d


def group(g):
    kind = 'eventlistener' if isinstance(g, EventListenerPoolConfig) else 'fcgi' if isinstance(
        g, FastCGIGroupConfig) else 'process'
    d = {'name': g.name, 'kind': kind, 'priority': g.priority, 'processes': [process(p) for p in g.process_configs]}
    if kind == 'eventlistener':
        from supervisor.events import EventTypes
        names = {v: k for k, v in vars(EventTypes).items() if not k.startswith('_')}
        d['listener'] = {'buffer_size': g.buffer_size, 'events': sorted(names[e] for e in g.pool_events),
                         'result_handler': spec(g.result_handler)}
    if kind == 'fcgi':
        s = g.socket_config
        owner = getattr(s, 'owner', None)
        mode = getattr(s, 'mode', None)
        d['socket'] = {'url': s.url, 'backlog': s.backlog or socket.SOMAXCONN,
                       'owner': list(owner) if owner is not None else None, 'mode': mode}
    return d


def server(c):
    if c['family'] == socket.AF_UNIX:
        return {'section': c['section'], 'family': 'unix', 'file': java_path(c['file']), 'chmod': c['chmod'],
                'chown': list(c['chown']), 'username': c['username'], 'password': c['password']}
    return {'section': c['section'], 'family': 'inet', 'host': c['host'], 'port': c['port'],
            'username': c['username'], 'password': c['password']}


def load(path, args):
    options = ServerOptions()

    def usage(msg):
        raise ConfigError(str(msg))
    options.usage = usage
    options.realize(args=['-c', path] + list(args), progname='supervisord')
    o = options
    return {
        'supervisord': {
            'logfile': o.logfile, 'logfile_maxbytes': o.logfile_maxbytes, 'logfile_backups': o.logfile_backups,
            'loglevel': level_name(o.loglevel), 'pidfile': o.pidfile, 'umask': o.umask,
            'nodaemon': bool(o.nodaemon), 'silent': bool(o.silent), 'minfds': o.minfds, 'minprocs': o.minprocs,
            'nocleanup': bool(o.nocleanup), 'childlogdir': java_path(o.childlogdir), 'user': o.user,
            'directory': java_path(o.directory), 'strip_ansi': bool(o.strip_ansi), 'identifier': o.identifier,
            'environment': dict(o.configroot.supervisord.environment),
        },
        'servers': [server(c) for c in o.server_configs],
        'rpcinterfaces': [{'name': n, 'factory': spec(f), 'extras': e} for n, f, e in o.rpcinterface_factories],
        'groups': [group(g) for g in o.process_group_configs],
        'warnings': list(o.parse_warnings),
        'infos': list(o.parse_infos),
    }


def dumps(obj):
    return json.dumps(obj, sort_keys=True, indent=1, ensure_ascii=True)


def main(argv):
    if argv and argv[0] == '--many':
        results = {}
        for path in argv[1:]:
            try:
                results[path] = {'config': load(path, [])}
            except ConfigError as e:
                results[path] = {'error': str(e)}
        print(dumps(results))
        return 0
    try:
        print(dumps(load(argv[0], argv[1:])))
        return 0
    except ConfigError as e:
        print(str(e))
        return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/python3
"""Event listener for tests, in the spirit of superlance's crashmail: on PROCESS_STATE_EXITED with
expected:0 it appends a "mail" to MAILFILE instead of sending it.

Usage: crashmail.py MAILFILE [-p PROGRAM]...   (no -p: every program)
Subscribe it with events=PROCESS_STATE_EXITED (or PROCESS_STATE / EVENT).
"""
import sys
import time


def read_event():
    header = sys.stdin.readline()
    if not header:
        return None, None, None
    headers = dict(t.split(':', 1) for t in header.split())
    payload = sys.stdin.read(int(headers['len']))
    return headers, payload, header


def main():
    mailfile = sys.argv[1]
    wanted = set()
    args = sys.argv[2:]
    while args:
        if args[0] == '-p' and len(args) > 1:
            wanted.add(args[1])
            args = args[2:]
        else:
            sys.stderr.write('crashmail: unknown argument %r\n' % args[0])
            return 2
    while True:
        sys.stdout.write('READY\n')
        sys.stdout.flush()
        headers, payload, _ = read_event()
        if headers is None:
            return 0
        if headers['eventname'] == 'PROCESS_STATE_EXITED':
            line = payload.split('\n', 1)[0]
            fields = dict(t.split(':', 1) for t in line.split())
            name = fields['processname']
            group = fields['groupname']
            spec = name if name == group else '%s:%s' % (group, name)
            if fields.get('expected') == '0' and (not wanted or name in wanted or spec in wanted):
                with open(mailfile, 'a', encoding='utf-8') as f:
                    f.write('To: ops@example.invalid\n')
                    f.write('Subject: %s crashed at %s\n\n' % (spec, time.strftime('%Y-%m-%d %H:%M:%S')))
                    f.write('Process %s (pid %s) died unexpectedly in state %s\n.\n'
                            % (spec, fields.get('pid'), fields.get('from_state')))
                sys.stderr.write('crashmail: mailed about %s\n' % spec)
                sys.stderr.flush()
        sys.stdout.write('RESULT 2\nOK')
        sys.stdout.flush()


if __name__ == '__main__':
    sys.exit(main())

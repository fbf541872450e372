#!/usr/bin/python3
"""Event listener for tests: appends every event it receives to a file, one line each:
<header line> TAB <payload with backslash and newline escaped>, then answers OK.

Usage: state_logger.py OUTFILE [--fail-first N]
  --fail-first N  answer FAIL to the first N events (to exercise redelivery)

Reads stdin in text mode and the payload as `len` characters, as supervisor.childutils does.
"""
import sys


def escape(s):
    return s.replace('\\', '\\\\').replace('\n', '\\n')


def main():
    out_path = sys.argv[1]
    fail_first = 0
    if len(sys.argv) > 3 and sys.argv[2] == '--fail-first':
        fail_first = int(sys.argv[3])
    seen = 0
    while True:
        sys.stdout.write('READY\n')
        sys.stdout.flush()
        header = sys.stdin.readline()
        if not header:
            return
        tokens = dict(t.split(':', 1) for t in header.split())
        payload = sys.stdin.read(int(tokens['len']))
        with open(out_path, 'a', encoding='utf-8') as f:
            f.write(header.rstrip('\n') + '\t' + escape(payload) + '\n')
        seen += 1
        result = 'FAIL' if seen <= fail_first else 'OK'
        sys.stdout.write('RESULT %d\n%s' % (len(result), result))
        sys.stdout.flush()


if __name__ == '__main__':
    main()

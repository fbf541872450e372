#!/usr/bin/python3
"""Differential oracle: runs supervisord 4.2.5's own dispatchers on a script of reads (needs Debian's
/usr/bin/python3, which can import supervisor and its test doubles).

stdin: cases, each a line "capture MAXBYTES" or "protocol SENDS" then one read per line, hex encoded; the
output of each case ends with a line "END".
capture:  prints "LOG <0|1> <hex>" for each chunk routed to the log (1 = in capture mode) and "COMM <hex>" per
          PROCESS_COMMUNICATION event.
protocol: a listener dispatcher fed read by read; after each read, while READY and sends remain, an event is
          "sent" (state BUSY). Prints after each read "STATE <name>", "REJECT" per rejected event and "LOG <msg>" per
          log message.
"""
import sys

from supervisor import dispatchers, events, loggers
from supervisor.states import EventListenerStates, getEventListenerStateDescription
from supervisor.tests.base import DummyOptions, DummyPConfig, DummyProcess

out = []


_original_log = dispatchers.POutputDispatcher._log


def _spy(self, data):
    if data:
        out.append('LOG %d %s' % (1 if self.capturemode else 0, data.hex()))
    _original_log(self, data)


dispatchers.POutputDispatcher._log = _spy


def capture(maxbytes, reads):
    options = DummyOptions()
    options.getLogger = lambda *a, **k: loggers.getLogger()
    config = DummyPConfig(options, 'p', '/bin/p', stdout_capture_maxbytes=maxbytes)
    process = DummyProcess(config)
    dispatchers.notify = lambda e: out.append('COMM %s' % e.data.hex())
    d = dispatchers.POutputDispatcher(process, events.ProcessCommunicationStdoutEvent, 0)
    for r in reads:
        d.output_buffer += r
        d.record_output()


def protocol(sends, reads):
    options = DummyOptions()
    config = DummyPConfig(options, 'lst', '/bin/lst')
    process = DummyProcess(config)

    class G:
        pass

    process.group = G()
    process.group.config = G()
    process.group.config.result_handler = dispatchers.default_handler
    dispatchers.notify = lambda e: out.append('REJECT')
    d = dispatchers.PEventListenerDispatcher(process, 'stdout', 0)
    seen = 0
    for r in reads:
        d.state_buffer += r
        try:
            d.handle_listener_state_change()
        except RecursionError:
            out.append('RECURSION')
            return
        for m in options.logger.data[seen:]:
            out.append('LOG %s' % m)
        seen = len(options.logger.data)
        if process.listener_state == EventListenerStates.READY and sends > 0:
            process.listener_state = EventListenerStates.BUSY
            process.event = object()
            sends -= 1
        out.append('STATE %s' % getEventListenerStateDescription(process.listener_state))


def run(mode, arg, reads):
    if mode == 'capture':
        capture(int(arg), reads)
    elif mode == 'protocol':
        protocol(int(arg), reads)
    out.append('END')


def main():
    case = None
    for line in sys.stdin.read().split('\n'):
        if line.startswith(('capture', 'protocol')):
            if case:
                run(*case)
            mode, arg = line.split()
            case = (mode, arg, [])
        elif line:
            case[2].append(bytes.fromhex(line))
    if case:
        run(*case)
    sys.stdout.write('\n'.join(out) + '\n')


if __name__ == '__main__':
    main()

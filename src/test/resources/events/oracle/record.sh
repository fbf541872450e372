#!/bin/sh
# Records what the real supervisord 4.2.5 sends to an EVENT listener, into supervisord-4.2.5-events.txt.
# Run by hand (takes ~25 s): sh record.sh ; EventsOracleTest compares our formatting with the result.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e "s#@WORK@#$work#g" -e "s#@LISTENERS@#$here/../listeners#g" "$here/supervisord.conf.in" > "$work/supervisord.conf"
/usr/bin/supervisord -n -c "$work/supervisord.conf" &
sup=$!
ctl() { /usr/bin/supervisorctl -c "$work/supervisord.conf" "$@" || true; }
sleep 9
ctl stop cat
/usr/bin/python3 -c "
import xmlrpc.client, http.client, socket
class C(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX); self.sock.connect('$work/s.sock')
class T(xmlrpc.client.Transport):
    def make_connection(self, host): return C('localhost')
p = xmlrpc.client.ServerProxy('http://localhost', transport=T())
p.supervisor.sendRemoteCommEvent('mytype', 'my data\nline2')
"
sed -i 's/^;\[program:late\]/[program:late]/' "$work/supervisord.conf"
ctl update
sleep 2
sed -i 's/^\[program:late\]/;[program:late]/' "$work/supervisord.conf"
ctl update
sleep 2
kill -TERM $sup
wait $sup || true
cp "$work/events.txt" "$here/supervisord-4.2.5-events.txt"
grep -c . "$here/supervisord-4.2.5-events.txt"

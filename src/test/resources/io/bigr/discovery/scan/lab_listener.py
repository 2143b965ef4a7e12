"""Listener for one host of the scan lab: accepts on the given TCP ports, greets like the service it pretends to be.

argv[1] is JSON: {"ports": [22, 80], "greetings": {"22": "SSH-2.0-..."}, "http": {"server": "...", "title": "..."}}.
Prints "ready" once every port is bound; exits when its stdin closes (the test that started it ended).
"""
import json
import selectors
import socket
import sys
import threading

spec = json.loads(sys.argv[1])
greetings = {int(k): v for k, v in spec.get("greetings", {}).items()}
http = spec.get("http") or {}
http_ports = set(spec.get("http_ports", []))
sel = selectors.DefaultSelector()
for port in spec["ports"]:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    s.listen(128)
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, port)


def answer(conn, port):
    try:
        conn.settimeout(1.0)
        if port in greetings:
            conn.sendall((greetings[port] + "\r\n").encode())
        elif port in http_ports:
            conn.recv(2048)
            body = "<html><head><title>%s</title></head><body>lab</body></html>" % http.get("title", "")
            conn.sendall(("HTTP/1.0 200 OK\r\nServer: %s\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s"
                          % (http.get("server", "lab"), len(body), body)).encode())
    except OSError:
        pass
    finally:
        conn.close()


def serve():
    while True:
        for key, _ in sel.select():
            try:
                conn, _ = key.fileobj.accept()
            except OSError:
                continue
            threading.Thread(target=answer, args=(conn, key.data), daemon=True).start()


threading.Thread(target=serve, daemon=True).start()
print("ready", flush=True)
sys.stdin.read()

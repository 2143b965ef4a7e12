"""Listener for one host of the scan lab: answers on its TCP ports and UDP services with real protocol bytes.

argv[1] is JSON:
  {"ip": "10.250.1.20",
   "tcp": {"22": {"greet": "SSH-2.0-..."},                        # sent on connect (SSH, FTP, SMTP, telnet, ...)
           "554": {"reply": "RTSP/1.0 200 OK\\r\\n..."},          # sent after the client's first bytes
           "5432": {"reply_hex": "4e"},                           # same, raw bytes
           "3306": {"mysql": "8.0.36-0ubuntu0.22.04.1"},          # a MySQL protocol-10 handshake
           "80": {"http": {"server": "...", "title": "...", "realm": "...", "paths": {"/x": {"type": "...", "body": "..."}}}},
           "443": {"http": {...}, "tls": {"cert": "/path.pem", "key": "/path.key"}},   # HTTP over TLS
           "8009": {"tls": {...}}},                               # TLS, then silence
   "ssdp": {"location": "http://10.250.1.20:1900/desc.xml", "server": "..."},
   "mdns": [{"type": "_googlecast._tcp.local.", "name": "Chromecast-1", "port": 8009, "host": "cc-1.local.", "txt": {"md": "Chromecast"}}],
   "netbios": {"names": [["DC01", 0, false], ["CORP", 28, true]], "mac": "00:11:22:33:44:55"}}
Old form (still read): {"ports": [...], "greetings": {"22": "..."}, "http_ports": [80], "http": {"server", "title"}}.
Prints "ready" once everything is bound; exits when its stdin closes (the test that started it ended).
"""
import json
import select
import socket
import ssl
import struct
import sys
import threading

spec = json.loads(sys.argv[1])
IP = spec.get("ip", "0.0.0.0")
tcp = {int(k): v for k, v in spec.get("tcp", {}).items()}
for p in spec.get("ports", []):
    if p in {int(k) for k in spec.get("greetings", {})}:
        tcp[p] = {"greet": spec["greetings"][str(p)]}
    elif p in spec.get("http_ports", []):
        tcp[p] = {"http": spec.get("http") or {}}
    else:
        tcp.setdefault(p, {})


METHODS = (b"GET ", b"HEAD ", b"POST ", b"OPTIONS ", b"PUT ", b"DELETE ")


def read_request(conn, limit=4096):
    data = b""
    try:
        while b"\r\n\r\n" not in data and len(data) < limit:
            chunk = conn.recv(2048)
            if not chunk:
                break
            data += chunk
            if len(data) >= 8 and not data.startswith(METHODS):
                break  # not HTTP (a TLS ClientHello, say): answered 400 at once, as web servers do
    except (OSError, ssl.SSLError):
        pass
    return data


def http_answer(conn, h):
    req = read_request(conn)
    if not req:
        return
    if not req.startswith(METHODS):
        body = b"<html><head><title>400 Bad Request</title></head><body>Bad Request</body></html>"
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: %d\r\n"
                     b"Connection: close\r\n\r\n" % len(body) + body)
        return
    line = req.split(b"\r\n", 1)[0].decode("latin-1")
    parts = line.split(" ")
    path = (parts[1] if len(parts) > 1 else "/").split("?", 1)[0]
    paths = h.get("paths", {})
    if path in paths:
        doc = paths[path]
        body = doc["body"].encode("utf-8")
        head = "HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\nConnection: close\r\n" % (
            doc.get("type", "text/xml"), len(body))
        if h.get("server"):
            head += "Server: %s\r\n" % h["server"]
        conn.sendall(head.encode("utf-8") + b"\r\n" + body)
        return
    if h.get("realm"):
        body = b"<html><head><title>401 Unauthorized</title></head><body>Unauthorized</body></html>"
        head = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"%s\"\r\n" % h["realm"]
    elif h.get("location"):
        body = b""
        head = "HTTP/1.1 302 Found\r\nLocation: %s\r\n" % h["location"]
    else:
        title = h.get("title")
        body = ("<html><head><meta charset=\"utf-8\">%s</head><body>lab</body></html>"
                % ("<title>%s</title>" % title if title else "")).encode("utf-8")
        head = "HTTP/1.1 200 OK\r\n"
    if h.get("server"):
        head += "Server: %s\r\n" % h["server"]
    head += "Content-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
    conn.sendall(head.encode("utf-8") + body)


def mysql_handshake(version):
    payload = (b"\x0a" + version.encode() + b"\x00" + struct.pack("<I", 42) + b"abcdefgh\x00"
               + b"\xff\xf7" + b"\x21" + b"\x02\x00" + b"\xff\x81" + b"\x15" + b"\x00" * 10
               + b"ijklmnopqrst\x00" + b"caching_sha2_password\x00")
    return struct.pack("<I", len(payload))[:3] + b"\x00" + payload


def drain(conn):
    try:
        conn.settimeout(1.5)
        while conn.recv(2048):
            pass
    except (OSError, ssl.SSLError):
        pass


def answer(conn, port):
    s = tcp.get(port, {})
    try:
        conn.settimeout(2.0)
        if "tls" in s:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(s["tls"]["cert"], s["tls"]["key"])
            try:
                conn = ctx.wrap_socket(conn, server_side=True)
            except (OSError, ssl.SSLError):
                return
        if "greet" in s:
            conn.sendall((s["greet"] + "\r\n").encode("utf-8"))
            drain(conn)
        elif "mysql" in s:
            conn.sendall(mysql_handshake(s["mysql"]))
            drain(conn)
        elif "reply" in s or "reply_hex" in s:
            if conn.recv(2048):
                conn.sendall(s["reply"].encode("latin-1") if "reply" in s else bytes.fromhex(s["reply_hex"]))
            drain(conn)
        elif "http" in s:
            http_answer(conn, s["http"])
        else:
            drain(conn)
    except (OSError, ssl.SSLError):
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


def serve_tcp(socks):
    while True:
        ready, _, _ = select.select(list(socks), [], [])
        for s in ready:
            try:
                conn, _ = s.accept()
            except OSError:
                continue
            threading.Thread(target=answer, args=(conn, socks[s]), daemon=True).start()


def udp_socket(port, group=None):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    u.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    u.bind(("", port))
    if group:
        u.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, socket.inet_aton(group) + socket.inet_aton(IP))
        u.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton(IP))
    return u


def serve_ssdp(u, d):
    while True:
        data, addr = u.recvfrom(2048)
        if not data.startswith(b"M-SEARCH"):
            continue
        st = "upnp:rootdevice"
        for line in data.decode("latin-1").split("\r\n"):
            if line.lower().startswith("st:"):
                st = line[3:].strip()
        if st not in ("ssdp:all", "upnp:rootdevice"):
            continue
        resp = ("HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: %s\r\nSERVER: %s\r\n"
                "ST: upnp:rootdevice\r\nUSN: uuid:%s::upnp:rootdevice\r\n\r\n"
                % (d["location"], d.get("server", "Linux/4.9 UPnP/1.0 lab/1.0"), d.get("uuid", "lab-" + IP)))
        u.sendto(resp.encode("utf-8"), addr)


def dns_name(name):
    out = b""
    for label in name.rstrip(".").split("."):
        raw = label.encode("utf-8")
        out += bytes([len(raw)]) + raw
    return out + b"\x00"


def read_name(data, p):
    labels, jumped, end = [], False, p
    for _ in range(64):
        n = data[p]
        if n == 0:
            p += 1
            break
        if n & 0xC0 == 0xC0:
            if not jumped:
                end = p + 2
            p = ((n & 0x3F) << 8) | data[p + 1]
            jumped = True
            continue
        labels.append(data[p + 1:p + 1 + n].decode("utf-8", "replace"))
        p += 1 + n
    return ".".join(labels).lower() + ".", (end if jumped else p)


def rr(name, rtype, rclass, ttl, rdata):
    return dns_name(name) + struct.pack(">HHIH", rtype, rclass, ttl, len(rdata)) + rdata


def mdns_records(services, qname, qtype):
    answers, extra = [], []
    a = rr_host = None
    for s in services:
        inst = s["name"] + "." + s["type"]
        host = s.get("host", "lab-" + IP.replace(".", "-") + ".local.")
        srv = rr(inst, 33, 0x8001, 120, struct.pack(">HHH", 0, 0, s.get("port", 0)) + dns_name(host))
        txt_data = b"".join(bytes([len(x)]) + x for x in
                            ((k + "=" + v).encode("utf-8") for k, v in s.get("txt", {}).items())) or b"\x00"
        txt = rr(inst, 16, 0x8001, 4500, txt_data)
        a_rec = rr(host, 1, 0x8001, 120, socket.inet_aton(IP))
        if qname == s["type"].lower() and qtype in (12, 255):
            answers.append(rr(s["type"], 12, 1, 4500, dns_name(inst)))
            extra += [srv, txt, a_rec]
        elif qname == inst.lower() and qtype in (16, 33, 255):
            answers += [srv, txt]
            extra.append(a_rec)
        elif qname == host.lower() and qtype in (1, 255):
            answers.append(a_rec)
    return answers, extra


def serve_mdns(u, services):
    while True:
        data, addr = u.recvfrom(9000)
        try:
            if len(data) < 12 or data[2] & 0x80:
                continue
            qd = struct.unpack(">H", data[4:6])[0]
            p, answers, extra = 12, [], []
            for _ in range(min(qd, 32)):
                qname, p = read_name(data, p)
                qtype = struct.unpack(">H", data[p:p + 2])[0]
                p += 4
                an, ex = mdns_records(services, qname, qtype)
                answers += [x for x in an if x not in answers]
                extra += [x for x in ex if x not in extra and x not in answers]
            if not answers:
                continue
            head = struct.pack(">HHHHHH", 0, 0x8400, 0, len(answers), 0, len(extra))
            msg = head + b"".join(answers) + b"".join(extra)
            u.sendto(msg, ("224.0.0.251", 5353))
            if addr[1] != 5353:
                u.sendto(data[:2] + msg[2:], addr)
        except (IndexError, struct.error, OSError):
            continue


def serve_netbios(u, nb):
    while True:
        data, addr = u.recvfrom(2048)
        if len(data) < 50 or data[46:48] != b"\x00\x21":
            continue
        names = b""
        for name, suffix, group in nb["names"]:
            flags = 0x0400 | (0x8000 if group else 0)
            names += name.upper().ljust(15)[:15].encode("latin-1") + bytes([suffix]) + struct.pack(">H", flags)
        mac = bytes.fromhex(nb.get("mac", "00:00:00:00:00:00").replace(":", ""))
        rdata = bytes([len(nb["names"])]) + names + mac + b"\x00" * 40
        resp = (data[:2] + b"\x84\x00" + b"\x00\x00\x00\x01\x00\x00\x00\x00" + data[12:46]
                + b"\x00\x21\x00\x01" + b"\x00\x00\x00\x00" + struct.pack(">H", len(rdata)) + rdata)
        u.sendto(resp, addr)


socks = {}
for port in tcp:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    s.listen(128)
    socks[s] = port
threads = [threading.Thread(target=serve_tcp, args=(socks,), daemon=True)]
if spec.get("ssdp"):
    threads.append(threading.Thread(target=serve_ssdp, args=(udp_socket(1900, "239.255.255.250"), spec["ssdp"]),
                                    daemon=True))
if spec.get("mdns"):
    threads.append(threading.Thread(target=serve_mdns, args=(udp_socket(5353, "224.0.0.251"), spec["mdns"]),
                                    daemon=True))
if spec.get("netbios"):
    threads.append(threading.Thread(target=serve_netbios, args=(udp_socket(137), spec["netbios"]), daemon=True))
for t in threads:
    t.start()
print("ready", flush=True)
sys.stdin.read()

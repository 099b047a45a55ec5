#!/usr/bin/env python3
"""Packet helper for mdnsd's end-to-end tests (loopback inside the test's
own network namespace only).

  dnstool.py send ADDR PORT HEX...    send each packet of raw octets, print
                                      one line per packet: the reply's
                                      "rcode=N id=N tc=N" or "noreply"
  dnstool.py fakeup ADDR PORT MODE    a misbehaving upstream server:
      garbage  for each query: random octets, a reply with a wrong ID, a
               reply for another question, then the right answer
      late     the right answer after 1.5 s
      servfail SERVFAIL at once
      silent   never answers
      tc       UDP: an empty reply with TC set; TCP: 40 A records
      noedns   FORMERR to queries with an OPT record, else the answer
  dnstool.py tcppipe ADDR PORT NAME... send one TCP query per name in a
                                      single write, print the answer count
                                      of each reply, in arrival order
  dnstool.py tcpdrop ADDR PORT NAME   send a TCP query and close at once
  dnstool.py flood ADDR PORT N NAME [SRC [resend]]
                                      send N A queries from one socket
                                      (bound to address SRC) as fast as
                                      the receive queue allows, print
                                      "ANSWERED SERVFAIL" once no reply
                                      came for 3 s; NAME may hold {i};
                                      "resend": send the unanswered ones
                                      again while that brings answers
  dnstool.py dup ADDR PORT NAME       send one A query twice (same ID, same
                                      socket) and print how many replies
                                      came back within 3 s
"""
import os
import socket
import struct
import sys
import threading
import time


def qname_end(pkt, off):
    while pkt[off] != 0:
        off += 1 + pkt[off]
    return off + 1


def answer(query, addr=b"\xc0\x00\x02\x63", qid=None, rcode=0):
    """A reply to query with one A record (192.0.2.99)."""
    end = qname_end(query, 12) + 4
    qid = struct.unpack(">H", query[:2])[0] if qid is None else qid
    ancount = 1 if rcode == 0 else 0
    hdr = struct.pack(">HHHHHH", qid, 0x8180 | rcode, 1, ancount, 0, 0)
    rr = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + addr
    return hdr + query[12:end] + (rr if ancount else b"")


def send(addr, port, *hexstrs):
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    for hexstr in hexstrs:
        s = socket.socket(fam, socket.SOCK_DGRAM)
        s.settimeout(1.0)
        s.sendto(bytes.fromhex(hexstr), (addr, int(port)))
        try:
            data, _ = s.recvfrom(65535)
        except socket.timeout:
            print("noreply")
            continue
        qid, flags = struct.unpack(">HH", data[:4])
        print("rcode=%d id=%d tc=%d" % (flags & 15, qid, (flags >> 9) & 1))
        s.close()


def tc_reply(q):
    end = qname_end(q, 12) + 4
    return struct.pack(">HHHHHH", struct.unpack(">H", q[:2])[0], 0x8380,
                       1, 0, 0, 0) + q[12:end]


def many_reply(q, n=40):
    end = qname_end(q, 12) + 4
    hdr = struct.pack(">HHHHHH", struct.unpack(">H", q[:2])[0], 0x8180,
                      1, n, 0, 0)
    rrs = b"".join(b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) +
                   bytes([10, 30, 0, i]) for i in range(n))
    return hdr + q[12:end] + rrs


def tcp_server(addr, port):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, int(port)))
    ls.listen(8)
    while True:
        c, _ = ls.accept()
        n = struct.unpack(">H", c.recv(2))[0]
        q = b""
        while len(q) < n:
            q += c.recv(n - len(q))
        r = many_reply(q)
        c.sendall(struct.pack(">H", len(r)) + r)
        c.close()


def tcppipe(addr, port, *names):
    s = socket.create_connection((addr, int(port)))
    s.sendall(b"".join(struct.pack(">H", len(q)) + q
                       for q in (query(i, n) for i, n in enumerate(names))))
    f = s.makefile("rb")
    for _ in names:
        n = struct.unpack(">H", f.read(2))[0]
        r = f.read(n)
        print(struct.unpack(">H", r[6:8])[0])


def tcpdrop(addr, port, name):
    s = socket.create_connection((addr, int(port)))
    q = query(7, name)
    s.sendall(struct.pack(">H", len(q)) + q)
    s.close()
    print("closed")


def fakeup(addr, port, mode):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, int(port)))
    if mode == "tc":
        threading.Thread(target=tcp_server, args=(addr, port),
                         daemon=True).start()
    while True:
        q, peer = s.recvfrom(4096)
        if mode == "garbage":
            s.sendto(os.urandom(40), peer)
            s.sendto(answer(q, qid=(struct.unpack(">H", q[:2])[0] ^ 1)), peer)
            other = bytearray(q)
            end = qname_end(q, 12)
            other[end:end + 2] = b"\x00\x10"           # TXT, not A
            s.sendto(answer(bytes(other)), peer)
            s.sendto(b"\x00\x01", peer)
            time.sleep(0.05)
            s.sendto(answer(q), peer)
        elif mode == "late":
            threading.Timer(1.5, s.sendto, (answer(q), peer)).start()
        elif mode == "servfail":
            s.sendto(answer(q, rcode=2), peer)
        elif mode == "tc":
            s.sendto(tc_reply(q), peer)
        elif mode == "noedns":
            arcount = struct.unpack(">H", q[10:12])[0]
            s.sendto(answer(q, rcode=1) if arcount else answer(q), peer)
        # "silent": read and drop


def query(qid, name):
    q = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)
    for label in name.split("."):
        q += bytes([len(label)]) + label.encode()
    return q + b"\0" + struct.pack(">HH", 1, 1)


def flood(addr, port, n, name, src="0.0.0.0", resend="no"):
    """Waits for quiet, not for a deadline: a slow machine only makes it
    take longer, it does not change the counts.  With resend=resend the
    unanswered queries are sent again (same ID, like a stub resolver)
    while that brings answers, so queries the kernel dropped from a full
    receive queue are not counted as unanswered."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    s.bind((src, 0))
    pending = set(range(int(n)))
    got = servfail = 0
    while True:
        for k, i in enumerate(sorted(pending)):
            s.sendto(query(i, name.replace("{i}", str(i))),
                     (addr, int(port)))
            if k % 64 == 63:
                time.sleep(0.001)     # stay under the receive queue's size
        s.settimeout(3.0)
        new = 0
        try:
            while True:
                r = s.recv(4096)
                qid = struct.unpack(">H", r[:2])[0]
                if qid in pending:
                    pending.discard(qid)
                    new += 1
                    servfail += (r[3] & 15) == 2
        except socket.timeout:
            pass
        got += new
        if resend != "resend" or new == 0 or not pending:
            break
    print(got, servfail)


def dup(addr, port, name):
    q = query(4242, name)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.sendto(q, (addr, int(port)))
    time.sleep(0.2)
    s.sendto(q, (addr, int(port)))
    s.settimeout(3.0)
    n = 0
    try:
        while True:
            s.recvfrom(4096)
            n += 1
    except socket.timeout:
        pass
    print(n)


if __name__ == "__main__":
    if sys.argv[1] == "send":
        send(*sys.argv[2:])
    elif sys.argv[1] == "tcpdrop":
        tcpdrop(*sys.argv[2:5])
    elif sys.argv[1] == "tcppipe":
        tcppipe(*sys.argv[2:])
    elif sys.argv[1] == "flood":
        flood(*sys.argv[2:8])
    elif sys.argv[1] == "dup":
        dup(*sys.argv[2:5])
    elif sys.argv[1] == "fakeup":
        fakeup(*sys.argv[2:5])
    else:
        sys.exit(__doc__)

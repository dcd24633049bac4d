#!/usr/bin/env python3
"""Print the type-44 (and composite) values of every SQ_BIND with an INTEGER first
parameter in an ifxtestd -record transcript: extract_binds.py conn-0001.hex [x] (x: with hex)."""
import re,sys,struct
def chunks(path):
    cur=None; data=[]
    for line in open(path):
        if line.startswith('# C>S'): 
            if cur is not None: data.append(bytes(cur))
            cur=bytearray()
        elif line.startswith('# S>C') or line.startswith('#'):
            if cur is not None: data.append(bytes(cur)); cur=None
        elif cur is not None:
            m=re.match(r'^[0-9a-f]{4,}  ((?:[0-9a-f]{2} ?)+)',line)
            if m: cur+=bytes.fromhex(m.group(1).replace(' ',''))
    if cur is not None: data.append(bytes(cur))
    return data
i16=lambda b,o: struct.unpack('>h',b[o:o+2])[0]
i32=lambda b,o: struct.unpack('>i',b[o:o+4])[0]
def cstr(b,o):
    n=i16(b,o); s=b[o+2:o+2+n]; o+=2+n+(n&1); return s,o
n=0
for ch in chunks(sys.argv[1]):
    # look for SQ_ID (4) ... SQ_BIND (5) 
    for m in re.finditer(b'\x00\x05\x00\x02\x00\x02\x00\x00\x0a\x00', ch):
        o=m.start()+2+2  # after tag, count
        o+=2+2+2+4  # int value
        t=i16(ch,o); o+=2
        if t&0xff not in (44,19,20,21,22,23,40,41,43): continue
        own,o=cstr(ch,o); name,o=cstr(ch,o)
        ind=i16(ch,o); prec=i16(ch,o+2); o+=4
        ln=i32(ch,o); data=ch[o+4:o+4+ln]
        n+=1
        print(f"BIND {n}: type={t} owner={own!r} name={name!r} ind={ind} prec={prec:#x} len={ln}")
        if len(sys.argv)>2: print(data.hex())

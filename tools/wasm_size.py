#!/usr/bin/env python3
"""Size profile of the app's wasm: code bytes per crate and the largest functions.

Reads the name section of the wasm that cargo writes before wasm-bindgen and wasm-opt
(release profile: target/wasm32-unknown-unknown/release/arms-atlas.wasm, or under your
CARGO_TARGET_DIR), so the sizes are raw code bytes before wasm-opt; the shipped file is
smaller but its shares are similar. Legacy Rust mangling is undone by hand; an impl of a
foreign trait counts for the type's crate, of a generic type for the trait's crate.

usage: python3 tools/wasm_size.py PATH.wasm
"""
import sys, re, collections
b=open(sys.argv[1],'rb').read()
def leb(i):
    r=0;s=0
    while True:
        x=b[i];i+=1;r|=(x&0x7f)<<s;s+=7
        if x<0x80: return r,i
i=8; code=None; names={}; nimports=0
while i<len(b):
    sid=b[i];i+=1
    n,i=leb(i); end=i+n
    if sid==2:
        cnt,j=leb(i)
        for _ in range(cnt):
            l,j=leb(j); j+=l; l,j=leb(j); j+=l
            kind=b[j]; j+=1
            if kind==0: _,j=leb(j); nimports+=1
            elif kind==1: j+=1; fl,j=leb(j); _,j=leb(j); 
            elif kind==2: fl,j=leb(j); _,j=leb(j); 
            elif kind==3: j+=2
    if sid==10:
        cnt,j=leb(i); code=[]
        for k in range(cnt):
            sz,j2=leb(j); code.append(sz+(j2-j)); j=j2+sz
    if sid==0:
        nl,j=leb(i); nm=b[j:j+nl].decode(); j+=nl
        if nm=='name':
            while j<end:
                sub=b[j]; j+=1; sl,j=leb(j); se=j+sl
                if sub==1:
                    cnt,k=leb(j)
                    for _ in range(cnt):
                        idx,k=leb(k); l,k=leb(k); names[idx]=b[k:k+l].decode('utf8','replace'); k+=l
                j=se
    i=end
tot=sum(code)
print('functions',len(code),'code bytes',tot,'named',len(names))
funcs=[(code[k], names.get(k+nimports,'?')) for k in range(len(code))]
def demangle(n):
    if not n.startswith('_ZN'): return n
    i=3; comps=[]
    while i<len(n) and n[i].isdigit():
        j=i
        while n[j].isdigit(): j+=1
        l=int(n[i:j]); comps.append(n[j:j+l]); i=j+l
    out=[]
    for c in comps:
        c=c.replace('$LT$','<').replace('$GT$','>').replace('$u20$',' ').replace('$RF$','&').replace('$C$',',').replace('$u7b$','{').replace('$u7d$','}').replace('..','::')
        if c.startswith('_<'): c=c[1:]
        out.append(c)
    return '::'.join(out)
def crate2(n):
    d=demangle(n)
    if d.startswith('<'):
        inner=d[1:].lstrip('&').replace('mut ','').replace('dyn ','')
        if ' as ' in inner:
            ty,tr=inner.split(' as ',1)
            m=re.match(r'([a-z_][a-z0-9_]*)::',ty)
            if m: return m.group(1)
            m=re.match(r'([a-z_][a-z0-9_]*)::',tr)
            return m.group(1) if m else ty[:20]
        m=re.match(r'([a-z_][a-z0-9_]*)::',inner)
        return m.group(1) if m else inner[:20]
    m=re.match(r'([a-z_][a-z0-9_]*)::',d)
    return m.group(1) if m else d[:30]
by=collections.Counter()
for sz,n in funcs: by[crate2(n)]+=sz
print('\nby crate (raw code bytes, pre-wasm-opt):')
for c,sz in by.most_common(20): print(f'{sz/1024:8.1f} KB {sz*100/tot:5.1f}%  {c}')
print('\nlargest functions:')
for sz,n in sorted(funcs,reverse=True)[:20]: print(f'{sz/1024:8.1f} KB  {re.sub(r"::h[0-9a-f]{16}$","",demangle(n))[:120]}')

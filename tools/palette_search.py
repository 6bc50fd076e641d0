# How the chart palettes in crates/atlas-core/src/render/palette.rs were found (a seeded hill
# climb; a mirror of render/colour.rs in Python). Not part of the build or tests.
# Run: python3 tools/palette_search.py light 6000 2 35 9 ; python3 tools/palette_search.py dark 6000 2 35 12
# args: scheme iterations seed max-channel-shift max-contrast
import math, random, sys
def s2l(c):
    v=c/255
    return v/12.92 if v<=0.04045 else ((v+0.055)/1.055)**2.4
def l2s(v):
    v=min(max(v,0),1)
    s=v*12.92 if v<=0.0031308 else 1.055*v**(1/2.4)-0.055
    return min(max(round(s*255),0),255)
def lum(c):
    r,g,b=[s2l(x) for x in c]; return 0.2126*r+0.7152*g+0.0722*b
def cr(a,b):
    la,lb=lum(a),lum(b); hi,lo=max(la,lb),min(la,lb); return (hi+.05)/(lo+.05)
M={'p':[[0.152286,1.052583,-0.204868],[0.114503,0.786281,0.099216],[-0.003882,-0.048116,1.051998]],
'd':[[0.367322,0.860646,-0.227968],[0.280085,0.672501,0.047413],[-0.011820,0.042940,0.968881]],
't':[[1.255528,-0.076749,-0.178779],[-0.078411,0.930809,0.147602],[0.004733,0.691367,0.303900]]}
def sim(c,k):
    l=[s2l(x) for x in c]; m=M[k]
    return tuple(l2s(sum(m[i][j]*l[j] for j in range(3))) for i in range(3))
def lab(c):
    r,g,b=[s2l(x) for x in c]
    x=(0.4124564*r+0.3575761*g+0.1804375*b)/0.95047
    y=0.2126729*r+0.7151522*g+0.0721750*b
    z=(0.0193339*r+0.119192*g+0.9503041*b)/1.08883
    D=6/29
    f=lambda t: t**(1/3) if t>D**3 else t/(3*D*D)+4/29
    fx,fy,fz=f(x),f(y),f(z)
    return (116*fy-16,500*(fx-fy),200*(fy-fz))
def de(l1,l2):
    L1,a1,b1=l1;L2,a2,b2=l2
    C1=math.hypot(a1,b1);C2=math.hypot(a2,b2);Cb=(C1+C2)/2
    G=0.5*(1-math.sqrt(Cb**7/(Cb**7+25**7)))
    a1p=(1+G)*a1;a2p=(1+G)*a2
    C1p=math.hypot(a1p,b1);C2p=math.hypot(a2p,b2)
    h=lambda b,a: 0 if a==0 and b==0 else math.degrees(math.atan2(b,a))%360
    h1=h(b1,a1p);h2=h(b2,a2p)
    dL=L2-L1;dC=C2p-C1p
    if C1p*C2p==0: dh=0
    elif abs(h2-h1)<=180: dh=h2-h1
    elif h2-h1>180: dh=h2-h1-360
    else: dh=h2-h1+360
    dH=2*math.sqrt(C1p*C2p)*math.sin(math.radians(dh/2))
    Lb=(L1+L2)/2;Cpb=(C1p+C2p)/2
    if C1p*C2p==0: Hb=h1+h2
    elif abs(h1-h2)<=180: Hb=(h1+h2)/2
    elif h1+h2<360: Hb=(h1+h2+360)/2
    else: Hb=(h1+h2-360)/2
    T=1-0.17*math.cos(math.radians(Hb-30))+0.24*math.cos(math.radians(2*Hb))+0.32*math.cos(math.radians(3*Hb+6))-0.20*math.cos(math.radians(4*Hb-63))
    dt=30*math.exp(-((Hb-275)/25)**2)
    Rc=2*math.sqrt(Cpb**7/(Cpb**7+25**7))
    Sl=1+0.015*(Lb-50)**2/math.sqrt(20+(Lb-50)**2);Sc=1+0.045*Cpb;Sh=1+0.015*Cpb*T
    Rt=-math.sin(math.radians(2*dt))*Rc
    return math.sqrt((dL/Sl)**2+(dC/Sc)**2+(dH/Sh)**2+Rt*(dC/Sc)*(dH/Sh))
def score(cols,bg):
    worst=1e9
    for v in [None,'p','d','t']:
        s=[lab(c if v is None else sim(c,v)) for c in cols]
        for i in range(len(s)):
            for j in range(i+1,len(s)):
                worst=min(worst,de(s[i],s[j]))
    return worst
def ok(cols,bg,mincr, grey_idx):
    if any(cr(c,bg)<mincr or cr(c,bg)>MAXCR for c in cols): return False
    g=cols[grey_idx]; 
    return g[0]==g[1]==g[2]
def opt(seed,bg,mincr,iters,rng,radius=45):
    cols=[tuple(c) for c in seed]; best=score(cols,bg) if ok(cols,bg,mincr,len(cols)-1) else -1
    for it in range(iters):
        i=rng.randrange(len(cols)); c=list(cols[i])
        if i==len(cols)-1:
            d=rng.randint(-12,12); c=[min(255,max(0,c[0]+d))]*3
        else:
            for k in range(3): c[k]=min(255,max(0,c[k]+rng.randint(-12,12)))
            if any(abs(c[k]-seed[i][k])>radius for k in range(3)): continue
        new=cols[:]; new[i]=tuple(c)
        if not ok(new,bg,mincr,len(cols)-1): continue
        sc=score(new,bg)
        if sc>=best: best=sc; cols=new
    return cols,best
RADIUS=int(sys.argv[4]); MAXCR=float(sys.argv[5])
which=sys.argv[1]; iters=int(sys.argv[2]); seedn=int(sys.argv[3])
rng=random.Random(seedn)
if which=='light':
    seed=[(0x00,0x72,0xB2),(0xD5,0x5E,0x00),(0x00,0x9E,0x73),(0xCC,0x79,0xA7),(0xE6,0x9F,0x00),(0x56,0xB4,0xE9),(0x88,0x22,0x55),(0x44,0x55,0x22),(0x90,0x90,0x90)]
    bg=(255,255,255)
else:
    seed=[(0x3A,0x9A,0xE0),(0xF0,0x7A,0x2A),(0x1F,0xC0,0x95),(0xE8,0x95,0xC4),(0xF2,0xC2,0x3A),(0x9C,0xD6,0xF5),(0xC0,0x55,0x8A),(0x9A,0xAE,0x5C),(0x8C,0x8C,0x8C)]
    bg=(0x16,0x18,0x1C)
# make seed feasible for light: darken
def feas(c,bg,mincr):
    c=list(c)
    while cr(tuple(c),bg)<mincr: c=[int(x*0.97) for x in c] if bg[0]>128 else [min(255,int(x*1.03)+1) for x in c]
    return tuple(c)
seed=[feas(c,bg,3.05) for c in seed]
print('seed',score(seed,bg))
cols,b=opt(seed,bg,3.05,iters,rng,radius=RADIUS)
print(round(b,2),' '.join('#%02x%02x%02x'%c for c in cols))
print([round(cr(c,bg),2) for c in cols])

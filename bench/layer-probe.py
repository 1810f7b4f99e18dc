#!/usr/bin/env python3
"""The layer probe of docs/BENCHMARKS.md, part 2: softmax regression of the gold XPOS tag on each layer's word
vectors (written by dev.referent.bench.LayerProbeDump), trained on the first file, accuracy on the second.
Usage: bench/layer-probe.py TRAIN.bin DEV.bin"""
import numpy as np, struct, sys
def rd(path):
    b=open(path,'rb').read(); pos=0; tags=[]; words=[]; X=[]
    while True:
        n=struct.unpack('>i',b[pos:pos+4])[0]; pos+=4
        if n<0: break
        for _ in range(2*n):
            l=struct.unpack('>H',b[pos:pos+2])[0]; s=b[pos+2:pos+2+l].decode('utf8'); pos+=2+l
            (tags if len(tags)==len(words) else words).append(s)
        X.append(np.frombuffer(b[pos:pos+n*13*384*4],'<f4').reshape(n,13,384)); pos+=n*13*384*4
    return np.concatenate(X),tags,words
Xtr,Ttr,Wtr=rd(sys.argv[1]); Xdv,Tdv,Wdv=rd(sys.argv[2])
print(Xtr.shape,Xdv.shape)
labs=sorted(set(Ttr)); li={l:i for i,l in enumerate(labs)}
ytr=np.array([li[y] for y in Ttr]); ydv=np.array([li.get(y,-1) for y in Tdv])
def probe(A,B):
    mu=A.mean(0); sd=A.std(0)+1e-6; A=(A-mu)/sd; B=(B-mu)/sd
    W=np.zeros((A.shape[1],len(labs)),np.float32); b=np.zeros(len(labs),np.float32); rng=np.random.default_rng(0)
    for ep in range(5):
        perm=rng.permutation(len(ytr))
        for k in range(0,len(perm),256):
            i=perm[k:k+256]; z=A[i]@W+b; z-=z.max(1,keepdims=True); p=np.exp(z); p/=p.sum(1,keepdims=True)
            p[np.arange(len(i)),ytr[i]]-=1; W-=0.05*A[i].T@p/len(i); b-=0.05*p.mean(0)
    return ((B@W+b).argmax(1)==ydv).mean()
for l in range(13):
    print('layer',l,'pos acc %.3f'%probe(Xtr[:,l],Xdv[:,l]),flush=True)
print('mean 4-8', probe(Xtr[:,4:9].mean(1),Xdv[:,4:9].mean(1)))

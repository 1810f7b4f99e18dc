#!/usr/bin/env python3
"""Builds the news benchmark corpus for docs/BENCHMARKS.md from the GUM news documents in ../shared/data.

Each document's text is rebuilt from its CoNLL-U (tokens joined as SpaceAfter says, one paragraph per sentence
group); the 24 documents are repeated until the CSV (id,title,author,text) reaches the requested size.
Usage: bench/news-corpus.py OUT.csv [MEGABYTES] [DATA_DIR]
       bench/news-corpus.py --articles DIR [DATA_DIR]   (one .txt per document, for bench/server-load.sh)
"""
import csv, glob, os, sys

articles = len(sys.argv) > 2 and sys.argv[1] == '--articles'
out = sys.argv[2] if articles else sys.argv[1]
megabytes = float(sys.argv[2]) if not articles and len(sys.argv) > 2 else 2.0
data_arg = sys.argv[3] if len(sys.argv) > 3 else None
data = data_arg or os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'data')
docs = []
for path in sorted(glob.glob(os.path.join(data, 'ontogum', 'coref', 'ontogum', 'conllu', 'GUM_news_*.conllu'))):
    parts, title = [], None
    for line in open(path, encoding='utf-8'):
        line = line.rstrip('\n')
        if line.startswith('# newpar') and parts and not parts[-1].endswith('\n\n'):
            parts.append('\n\n')
        if line.startswith('# text = ') and title is None:
            title = line[len('# text = '):]
        if not line or line.startswith('#'):
            continue
        cols = line.split('\t')
        if '-' in cols[0] or '.' in cols[0]:
            continue
        parts.append(cols[1] + ('' if 'SpaceAfter=No' in cols[9] else ' '))
    docs.append((os.path.basename(path)[:-len('.conllu')], title or '', ''.join(parts).strip() + '\n'))
if not docs:
    sys.exit('no GUM news documents under ' + data)
if articles:
    os.makedirs(out, exist_ok=True)
    for name, _, text in docs:
        with open(os.path.join(out, name + '.txt'), 'w', encoding='utf-8') as f:
            f.write(text)
    print(f'{out}: {len(docs)} articles')
    sys.exit(0)
with open(out, 'w', encoding='utf-8', newline='') as f:
    w = csv.writer(f)
    w.writerow(['id', 'title', 'author', 'text'])
    size, copy = 0, 0
    while size < megabytes * 1_000_000:
        for name, title, text in docs:
            w.writerow([f'{name}-{copy}', title, 'GUM', text])
            size += len(text.encode('utf-8'))
        copy += 1
print(f'{out}: {copy * len(docs)} documents, {size / 1e6:.2f} MB of text')

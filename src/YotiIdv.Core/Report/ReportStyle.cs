namespace YotiIdv.Report;

/// <summary>
/// The report's only style sheet (inline; the CSP allows nothing else). System fonts only; fluid widths so that
/// nothing overflows a 390 px phone; long ids wrap anywhere; print keeps each card on one page where it fits.
/// </summary>
internal static class ReportStyle
{
    public const string Css = @"
:root{--bad:#b3261e;--bad-bg:#fdecea;--warn:#8a5300;--warn-bg:#fff4e0;--ok:#1e6b34;--ok-bg:#e7f5ea;--none:#555;--none-bg:#eee;--line:#d0d4da}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f4f5f7;color:#1b1d21;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;overflow-wrap:break-word}
main{max-width:1100px;margin:0 auto;padding:12px}
h1{font-size:1.5em;margin:0 0 4px}
h2{font-size:1.2em;margin:0 0 10px;border-bottom:2px solid var(--line);padding-bottom:4px}
h3{font-size:1.05em;margin:12px 0 6px}
h4{font-size:.95em;margin:10px 0 4px;color:#333}
.card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px;margin:0 0 12px}
section#documents>h2{margin-top:4px}
.id,.mono{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em}
.pre{white-space:pre-wrap}
pre.mrz{font:12px/1.3 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-all;background:#f6f7f9;border:1px solid var(--line);border-radius:4px;padding:6px;margin:2px 0 8px}
.note{color:#555;font-size:.9em}
.pass{color:var(--ok);font-weight:600}
table{border-collapse:collapse;width:100%;margin:4px 0 8px}
th,td{text-align:left;vertical-align:top;padding:4px 6px;border-bottom:1px solid var(--line)}
td{overflow-wrap:anywhere}
.mono{overflow-wrap:anywhere}
table.kv th{width:34%;font-weight:600;color:#333}
table.grid thead th{background:#f0f1f3;font-size:.9em}
table.grid{table-layout:fixed}
tr.bad td{background:var(--bad-bg)}
tr.warn td{background:var(--warn-bg)}
.badge{display:inline-block;max-width:100%;padding:1px 7px;border-radius:10px;font-size:.85em;font-weight:700;border:1px solid currentColor;overflow-wrap:anywhere}
.badge.bad{color:var(--bad);background:var(--bad-bg)}
.badge.warn{color:var(--warn);background:var(--warn-bg)}
.badge.ok{color:var(--ok);background:var(--ok-bg)}
.badge.none{color:var(--none);background:var(--none-bg)}
.bad-text{color:var(--bad);font-weight:600}
.finding{border-left:6px solid var(--bad);background:var(--bad-bg);padding:6px 10px;margin:8px 0;border-radius:4px}
.finding.warn{border-color:#e09b2d;background:var(--warn-bg)}
.finding.none{border-color:#999;background:var(--none-bg)}
.finding.subfail{border-color:#e09b2d;background:var(--warn-bg)}
.finding table td,.finding table th{background:transparent}
.finding h3{margin-top:4px}
.gallery{display:flex;flex-wrap:wrap;gap:8px;margin:4px 0}
figure{margin:0;flex:1 1 160px;max-width:260px;min-width:0}
figure.small{flex:0 1 110px;max-width:140px}
figure img{display:block;width:100%;height:auto;border:1px solid var(--line);border-radius:4px;background:#fafafa}
figcaption{font-size:.8em;color:#444;margin-top:2px}
.missing-box{border:2px dashed var(--bad);color:var(--bad);background:var(--bad-bg);padding:10px;border-radius:4px;font-size:.9em;margin:4px 0}
figure.missing .missing-box{min-height:80px;display:flex;align-items:center}
.faces{display:flex;flex-wrap:wrap;gap:12px}
.faces .side{flex:1 1 300px;min-width:0}
.score{font-weight:700;font-size:1.15em}
figure img{max-height:420px;object-fit:contain}
details.check{border:1px solid var(--line);border-radius:6px;margin:6px 0;padding:4px 8px}
details.check.fail{border-left:6px solid var(--bad)}
details.check.pass{border-left:6px solid var(--ok)}
summary{cursor:pointer;padding:2px 0}
footer{font-size:.9em}
@media (max-width:600px){main{padding:6px}.card{padding:8px}table.kv th{width:40%}th,td{padding:3px 4px}figure{flex-basis:140px}table.grid,table.grid tbody,table.grid tr,table.grid td{display:block;width:100%}table.grid thead{display:none}table.grid tr{border:1px solid var(--line);border-radius:4px;margin:0 0 6px}table.grid td{border:none;padding:2px 6px}table.grid td::before{content:attr(data-label) ': ';font-weight:600;color:#555;font-size:.85em}}
@media print{body{background:#fff;font-size:11pt}main{max-width:none;padding:0}.card{border:none;border-radius:0;padding:0 0 8pt;break-inside:avoid-page}article.document{break-before:page}.badge,.finding,tr.bad td,tr.warn td{-webkit-print-color-adjust:exact;print-color-adjust:exact}figure{break-inside:avoid}}
";
}

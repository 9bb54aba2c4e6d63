#!/usr/bin/env python3
"""Top-frames table from a JFR recording: inclusive share of samples per component and self share per package.
usage: frames.py file.jfr [thread-filter-regex]"""
import re, subprocess, sys, collections
import os, shutil
JFR = os.path.join(os.environ["JAVA_HOME"], "bin", "jfr") if "JAVA_HOME" in os.environ else (shutil.which("jfr") or "jfr")
CATS = [  # (name, regex on frame) - a sample counts once per category that appears in its stack
 ("HTTP server (Vert.x/Netty)", r"^(io\.vertx|io\.netty)\."),
 ("RESTEasy Reactive", r"^org\.jboss\.resteasy\.reactive\."),
 ("Jackson", r"^com\.fasterxml\.jackson\."),
 ("Bean Validation", r"^org\.hibernate\.validator\."),
 ("Hibernate ORM", r"^org\.hibernate\.(?!validator)"),
 ("Narayana JTA", r"^(com\.arjuna|io\.quarkus\.narayana|org\.jboss\.tm|io\.narayana)\."),
 ("Agroal pool", r"^io\.agroal\."),
 ("PostgreSQL JDBC", r"^org\.postgresql\."),
 ("Kafka client", r"^org\.apache\.kafka\."),
 ("CloudEvents", r"^io\.cloudevents\."),
 ("OpenTelemetry", r"^io\.opentelemetry\."),
 ("Logging", r"^(org\.jboss\.logmanager|org\.jboss\.logging|io\.quarkus\.logging|io\.quarkus\.bootstrap\.logging)\."),
 ("JSON log formatting", r"^io\.quarkus\.logging\.json\."),
 ("Micrometer", r"^io\.micrometer\."),
 ("Crypto (Tink/JCA)", r"^(com\.google\.crypto\.tink|javax\.crypto|com\.sun\.crypto|sun\.security)\."),
 ("Bucket4j", r"^io\.github\.bucket4j\."),
 ("ArC (CDI)", r"^io\.quarkus\.arc\."),
 ("SmallRye Fault Tolerance", r"^io\.smallrye\.faulttolerance\."),
 ("OIDC / security", r"^(io\.quarkus\.oidc|io\.quarkus\.security|io\.smallrye\.jwt|org\.jose4j)\."),
 ("Qute / mailer", r"^(io\.quarkus\.qute|io\.quarkus\.mailer|io\.vertx\.ext\.mail)\."),
 ("Scheduler", r"^io\.quarkus\.scheduler\."),
 ("Embargo code", r"^dev\.embargo\."),
 ("JIT/GC threads (no Java frames)", None),
]
def samples(path, thread_filter):
    out = subprocess.run([JFR, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "200", path],
                         capture_output=True, text=True).stdout
    for block in out.split("jdk.ExecutionSample")[1:]:
        m = re.search(r'sampledThread = "([^"]*)"', block)
        thread = m.group(1) if m else "?"
        if thread_filter and not re.search(thread_filter, thread):
            continue
        frames = re.findall(r"^\s+([\w$.<>/]+)\(", block, re.M)
        frames = [f for f in frames if f not in ("stackTrace", "sampledThread")]
        yield thread, frames
def main():
    path = sys.argv[1]; tf = sys.argv[2] if len(sys.argv) > 2 else None
    total = 0; inc = collections.Counter(); selfpkg = collections.Counter(); threads = collections.Counter()
    ours = collections.Counter()
    for thread, frames in samples(path, tf):
        total += 1
        threads[re.sub(r"[-#]?\d+$", "", thread)] += 1
        seen = set()
        for f in frames:
            for name, rx in CATS:
                if rx and name not in seen and re.search(rx, f):
                    seen.add(name)
        for name in seen: inc[name] += 1
        if frames:
            selfpkg[".".join(frames[0].split(".")[:3])] += 1
        for f in frames:
            if f.startswith("dev.embargo."):
                ours[f] += 1
    print(f"{total} samples\n")
    print("| component (inclusive: samples with a frame of it) | share |\n|---|---|")
    for name, n in inc.most_common(): print(f"| {name} | {100*n/total:.1f} % |")
    print("\n| thread | share |\n|---|---|")
    for t, n in threads.most_common(8): print(f"| {t} | {100*n/total:.1f} % |")
    print("\n| top self frames by package | share |\n|---|---|")
    for p, n in selfpkg.most_common(12): print(f"| {p} | {100*n/total:.1f} % |")
    print("\n| our methods (inclusive) | share |\n|---|---|")
    for f, n in ours.most_common(15): print(f"| {f} | {100*n/total:.1f} % |")
main()

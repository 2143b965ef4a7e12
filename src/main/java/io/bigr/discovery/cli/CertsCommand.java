package io.bigr.discovery.cli;

import io.bigr.discovery.BigrConfiguration;
import io.bigr.discovery.certs.CertificateCollector;
import io.bigr.discovery.core.Certificate;
import io.bigr.discovery.db.CertificateDao;
import io.bigr.discovery.db.Daos;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code bigr certs scan [HOST] | list | expiring [--days N]} (list and expiring: {@code --format table|json}) (docs/DOMAIN.md §7, §5.9, §3.14). {@code scan} without a
 * host probes every inventory IP on the §5.9 ports plus the ports its latest snapshot saw open.
 */
public class CertsCommand extends StoreCommand {
    static final String ACTION = "action";
    static final String HOST = "host";
    static final String DAYS = "days";

    public CertsCommand() {
        super("certs", "TLS certificates (scan, list, expiring)");
    }

    @Override
    protected boolean fileOnThisParser() {
        return false;
    }

    @Override
    protected void arguments(Subparser subparser) {
        Subparsers actions = subparser.addSubparsers().dest(ACTION).metavar("ACTION");
        Subparser scan = actions.addParser("scan").help("collect certificates from one host or the whole inventory");
        scan.addArgument(HOST).nargs("?").help("IP or host name (default: every inventory IP)");
        addConfigFile(scan);
        Subparser list = actions.addParser("list").help("list stored certificates");
        ReportOutput.listFormat(list);
        addConfigFile(list);
        Subparser expiring = actions.addParser("expiring").help("certificates expiring soon (or expired)");
        expiring.addArgument("-d", "--days").dest(DAYS).type(Integer.class).setDefault(30)
                .help("window in days");
        ReportOutput.listFormat(expiring);
        addConfigFile(expiring);
    }

    @Override
    protected void execute(Namespace ns, BigrConfiguration config, Daos daos, PrintStream out)
            throws Exception {
        switch (ns.getString(ACTION)) {
            case "scan" -> scan(ns.getString(HOST), daos, out);
            case "expiring" -> {
                boolean json = ReportOutput.json(ns);
                List<Certificate> certs = expiring(ns.getInt(DAYS), daos.certificates());
                if (json) {
                    ReportOutput.json(out, certs);
                } else if (certs.isEmpty()) {
                    out.println("No certificates expiring within " + ns.getInt(DAYS) + " days");
                } else {
                    Table t = new Table("Status", "IP", "Port", "CN", "Valid to", "Days left");
                    certs.forEach(c -> t.row(status(c.daysUntilExpiry()), c.ip(), c.port(), c.cn(), date(c),
                            c.daysUntilExpiry()));
                    t.print(out);
                }
            }
            default -> {
                boolean json = ReportOutput.json(ns);
                List<Certificate> certs = daos.certificates().all();
                if (json) {
                    ReportOutput.json(out, certs);
                } else {
                    list(certs, out);
                }
            }
        }
    }

    private static void scan(String host, Daos daos, PrintStream out) throws InterruptedException {
        Map<String, List<Integer>> targets;
        if (host != null) {
            if (host.isBlank() || host.startsWith("-") || host.contains("/") || host.length() > 253) {
                throw CliException.badInput("Invalid host '" + host + "' (expected an IP address or a host name)");
            }
            targets = Map.of(host, CertificateCollector.knownPorts(daos.assets(), daos.snapshots(), host));
        } else {
            targets = CertificateCollector.inventoryTargets(daos.assets(), daos.snapshots());
            if (targets.isEmpty()) {
                out.println("No assets in the inventory; run a scan first or give a HOST");
                return;
            }
        }
        CertificateCollector.Report report = new CertificateCollector().collectAndStore(daos.certificates(), targets);
        out.println("Scanned " + report.hostsScanned() + " host(s), " + report.endpointsTried() + " port(s): found "
                + report.certificates().size() + " certificate(s)");
        if (!report.certificates().isEmpty()) {
            list(report.certificates(), out);
        }
    }

    private static List<Certificate> expiring(Integer days, CertificateDao certificates) {
        if (days == null || days < 0 || days > 36_500) {
            throw CliException.badInput("--days must be between 0 and 36500, got " + days);
        }
        return certificates.expiring(days);
    }

    /** EXPIRED below zero days, CRITICAL up to 7, WARNING otherwise (§7 certs expiring). */
    static String status(int days) {
        return days < 0 ? "EXPIRED" : days <= 7 ? "CRITICAL" : "WARNING";
    }

    private static void list(List<Certificate> certs, PrintStream out) {
        if (certs.isEmpty()) {
            out.println("No certificates stored; run: bigr certs scan");
            return;
        }
        out.println("TLS Certificates");
        Table t = new Table("IP", "Port", "CN", "Issuer", "Valid to", "Days left", "Self-signed", "Key");
        certs.forEach(c -> t.row(c.ip(), c.port(), c.cn(), c.issuer(), date(c), c.daysUntilExpiry(),
                c.isSelfSigned() ? "Yes" : "No",
                c.keyAlgorithm() == null ? null : c.keyAlgorithm() + (c.keySize() == null ? "" : " " + c.keySize())));
        t.print(out);
    }

    private static String date(Certificate c) {
        return c.validTo() == null ? null : c.validTo().toString().substring(0, 10);
    }
}

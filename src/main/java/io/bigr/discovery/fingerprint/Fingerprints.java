package io.bigr.discovery.fingerprint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fingerprint database and its matcher. Immutable and thread-safe; loaded and validated once per process per
 * folder. {@link #identify} matches every observation against the fingerprints of its kind and resolves each field
 * by certainty (docs/DOMAIN.md §4.15): the value with the highest certainty wins, ties go to the value more
 * fingerprints agree on, then to the earlier match. So a weak signal (a port set, a host name) never overrides a
 * stronger one that disagrees; version and OS version come from a match that agrees with the winning product and
 * OS.
 */
public final class Fingerprints {
    private static final Map<Path, Fingerprints> BY_DIRECTORY = new ConcurrentHashMap<>();

    private final List<Fingerprint> all;
    private final Map<EvidenceKind, List<Fingerprint>> byKind = new EnumMap<>(EvidenceKind.class);

    Fingerprints(List<Fingerprint> all) {
        this.all = List.copyOf(all);
        Set<String> ids = new HashSet<>();
        for (Fingerprint f : this.all) {
            if (!ids.add(f.id())) {
                throw new FingerprintException(f.file() + ": fingerprint id '" + f.id() + "' is used twice");
            }
            byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f);
        }
    }

    /** The bundled database ({@code src/main/resources/fingerprints}). */
    public static Fingerprints bundled() {
        return Bundled.DB;
    }

    /**
     * The bundled database extended by a user's folder ({@code --fingerprints DIR}; null: the bundled one). A user
     * entry with the id of a bundled one replaces it; other ids are added.
     *
     * @throws FingerprintException naming file and field when a file is invalid
     */
    public static Fingerprints load(Path userDirOrNull) {
        if (userDirOrNull == null) {
            return bundled();
        }
        Path key = userDirOrNull.toAbsolutePath().normalize();
        return BY_DIRECTORY.computeIfAbsent(key, dir -> {
            List<Fingerprint> user = FingerprintFiles.directory(dir);
            Map<String, Fingerprint> byId = new LinkedHashMap<>();
            Set<String> userIds = new HashSet<>();
            for (Fingerprint f : user) {
                if (!userIds.add(f.id())) {
                    throw new FingerprintException(f.file() + ": fingerprint id '" + f.id() + "' is used twice");
                }
            }
            for (Fingerprint f : bundled().all) {
                if (!userIds.contains(f.id())) {
                    byId.put(f.id(), f);
                }
            }
            user.forEach(f -> byId.put(f.id(), f));
            return new Fingerprints(new ArrayList<>(byId.values()));
        });
    }

    public List<Fingerprint> all() {
        return all;
    }

    /** Every fingerprint that matches one of {@code observations}, and the identity they add up to. */
    public Identity identify(Collection<Observation> observations) {
        List<Identity.Match> matches = new ArrayList<>();
        for (Observation o : observations) {
            for (Fingerprint f : byKind.getOrDefault(o.kind(), List.of())) {
                f.match(o.text()).ifPresent(y -> matches.add(new Identity.Match(f, o, y)));
            }
        }
        if (matches.isEmpty()) {
            return Identity.NONE;
        }
        Map<Field, Identity.Attribute> attributes = new EnumMap<>(Field.class);
        for (Field field : List.of(Field.DEVICE_TYPE, Field.VENDOR, Field.PRODUCT, Field.OS)) {
            Identity.Match best = best(matches, field);
            if (best != null) {
                attributes.put(field, attribute(best, field));
            }
        }
        dependent(matches, attributes, Field.PRODUCT, Field.VERSION);
        dependent(matches, attributes, Field.OS, Field.OS_VERSION);
        return new Identity(attributes, matches);
    }

    /** The match whose value for {@code field} wins: highest certainty, then most agreement, then first. */
    private static Identity.Match best(List<Identity.Match> matches, Field field) {
        Map<String, Integer> agree = new TreeMap<>();
        for (Identity.Match m : matches) {
            String v = m.yields().get(field);
            if (v != null) {
                agree.merge(v.toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        Identity.Match best = null;
        for (Identity.Match m : matches) {
            String v = m.yields().get(field);
            if (v == null) {
                continue;
            }
            if (best == null || m.fingerprint().certainty() > best.fingerprint().certainty()
                    || m.fingerprint().certainty() == best.fingerprint().certainty()
                    && agree.get(v.toLowerCase(Locale.ROOT))
                    > agree.get(best.yields().get(field).toLowerCase(Locale.ROOT))) {
                best = m;
            }
        }
        return best;
    }

    /** A version only from a match that yields the winning product (or OS), so the two always belong together. */
    private static void dependent(List<Identity.Match> matches, Map<Field, Identity.Attribute> attributes,
                                  Field owner, Field field) {
        Identity.Attribute won = attributes.get(owner);
        List<Identity.Match> agreeing = matches.stream().filter(m -> won == null
                ? !m.yields().containsKey(owner)
                : won.value().equalsIgnoreCase(m.yields().get(owner))).toList();
        Identity.Match best = best(agreeing, field);
        if (best != null) {
            attributes.put(field, attribute(best, field));
        }
    }

    private static Identity.Attribute attribute(Identity.Match m, Field field) {
        return new Identity.Attribute(m.yields().get(field), m.fingerprint().certainty(), m.fingerprint().id(),
                m.observation().source(), m.observation().text());
    }

    /** What the database covers, overall and per evidence kind. */
    public record Coverage(int fingerprints, int examples, Set<String> deviceTypes, Set<String> vendors,
                           Map<EvidenceKind, Kind> byKind, List<String> files) {
        /** The same counts for one evidence kind. */
        public record Kind(int fingerprints, int examples, Set<String> deviceTypes, Set<String> vendors) {
        }
    }

    public Coverage coverage() {
        Map<EvidenceKind, Coverage.Kind> kinds = new EnumMap<>(EvidenceKind.class);
        for (EvidenceKind k : EvidenceKind.values()) {
            List<Fingerprint> of = byKind.getOrDefault(k, List.of());
            kinds.put(k, new Coverage.Kind(of.size(), examples(of), deviceTypes(of), vendors(of)));
        }
        Set<String> files = new TreeSet<>();
        all.forEach(f -> files.add(f.file()));
        return new Coverage(all.size(), examples(all), deviceTypes(all), vendors(all), kinds, List.copyOf(files));
    }

    private static int examples(List<Fingerprint> fs) {
        return fs.stream().mapToInt(f -> f.examples().size()).sum();
    }

    private static Set<String> deviceTypes(List<Fingerprint> fs) {
        Set<String> out = new TreeSet<>();
        fs.forEach(f -> f.deviceType().ifPresent(t -> out.add(t.value())));
        return out;
    }

    /** Vendors named by the fingerprints: literal vendor values, or what the examples show for a templated one. */
    private static Set<String> vendors(List<Fingerprint> fs) {
        Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Fingerprint f : fs) {
            String v = f.yields().get(Field.VENDOR);
            if (v == null) {
                continue;
            }
            if (Fingerprint.highestGroup(v) == 0) {
                out.add(v);
            } else {
                f.examples().forEach(e -> f.match(e.text()).map(y -> y.get(Field.VENDOR)).ifPresent(out::add));
            }
        }
        return out;
    }

    /** Holder idiom: the bundled files are parsed and validated on first use, once per process. */
    private static final class Bundled {
        static final Fingerprints DB = new Fingerprints(FingerprintFiles.bundled());
    }
}

package io.bigr.discovery.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.ArgumentGroup;
import net.sourceforge.argparse4j.inf.MutuallyExclusiveGroup;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * The option rules every command's parser follows, applied where commands are attached (so Dropwizard's own
 * {@code db}/{@code server} options and commands added later follow them too):
 * <ul>
 *   <li><b>One meaning per short flag.</b> A short flag is kept only on the long option {@link #SHORT} gives it
 *       ({@code -v} is {@code --verbose} everywhere, never a version or a VLAN); on any other option it is dropped
 *       and the long form stays. The README's option table lists the same pairs.</li>
 *   <li><b>One way to show a default.</b> An option with a default set (other than a flag's false) gets
 *       {@code (default: X)} appended to its help once; a default written into the help text by hand is replaced.</li>
 * </ul>
 */
public final class FlagPolicy {
    /** Short flag → the one long option it stands for. */
    public static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry("-h", "--help"),
            Map.entry("-v", "--verbose"),
            Map.entry("-f", "--format"),
            Map.entry("-o", "--output"),
            Map.entry("-p", "--ports"),
            Map.entry("-m", "--mode"),
            Map.entry("-t", "--timeout"),
            Map.entry("-n", "--limit"),
            Map.entry("-d", "--days"),
            Map.entry("-i", "--interval"),
            Map.entry("-l", "--label"),
            Map.entry("-c", "--category"));

    private static final java.util.Set<Class<?>> WRAPPED = java.util.Set.of(Argument.class, Subparser.class,
            Subparsers.class, ArgumentGroup.class, MutuallyExclusiveGroup.class);
    private static final Pattern WRITTEN_DEFAULT = Pattern.compile("\\s*\\(default:? [^()]*\\)");

    private FlagPolicy() {
    }

    /** The parser a command configures, with the rules above applied to everything added through it. */
    public static Subparser wrap(Subparser parser) {
        return proxy(Subparser.class, parser);
    }

    /** The flags of one option after the short-flag rule. */
    static String[] flags(String... nameOrFlags) {
        String longName = null;
        for (String f : nameOrFlags) {
            if (f.startsWith("--")) {
                longName = f;
            }
        }
        if (longName == null) {
            return nameOrFlags;
        }
        List<String> kept = new ArrayList<>();
        for (String f : nameOrFlags) {
            boolean isShort = f.startsWith("-") && !f.startsWith("--");
            if (!isShort || longName.equals(SHORT.get(f))) {
                kept.add(f);
            }
        }
        return kept.toArray(String[]::new);
    }

    /** Help text with its default shown once, as {@code (default: X)}. */
    static String helpWithDefault(String help, Object defaultValue) {
        if (defaultValue == null || defaultValue instanceof Boolean) {
            return help;
        }
        String text = help == null ? "" : WRITTEN_DEFAULT.matcher(help).replaceAll("");
        return (text.isEmpty() ? "" : text + " ") + "(default: " + defaultValue + ")";
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = type == Argument.class ? new ArgumentHandler((Argument) target)
                : new ContainerHandler(target);
        return (T) Proxy.newProxyInstance(FlagPolicy.class.getClassLoader(), new Class<?>[]{type}, handler);
    }

    private static Object invoke(Method m, Object target, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Parsers, sub-parser lists and argument groups: rewrites the flags of each argument added. */
    private static final class ContainerHandler implements InvocationHandler {
        private final Object target;

        ContainerHandler(Object target) {
            this.target = target;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Object invoke(Object self, Method m, Object[] args) throws Throwable {
            if (m.getName().equals("addArgument") && args != null && args.length == 1 && args[0] instanceof String[] f) {
                args = new Object[]{flags(f)};
            }
            Object result = FlagPolicy.invoke(m, target, args);
            if (result == target) {
                return self;
            }
            Class<?> type = m.getReturnType();
            if (result != null && WRAPPED.contains(type)) {
                return proxy((Class<Object>) type, result);
            }
            return result;
        }
    }

    /** One argument: keeps its help and default, and sets the help with the default shown once. */
    private static final class ArgumentHandler implements InvocationHandler {
        private final Argument target;
        private String help;
        private Object defaultValue;

        ArgumentHandler(Argument target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object self, Method m, Object[] args) throws Throwable {
            Object result = FlagPolicy.invoke(m, target, args);
            if (m.getName().equals("help") && args.length == 1 && args[0] instanceof String h) {
                help = h;
                target.help(helpWithDefault(help, defaultValue));
            } else if (m.getName().equals("setDefault") && args.length == 1) {
                defaultValue = args[0] instanceof Object[] many ? null : args[0];
                target.help(helpWithDefault(help, defaultValue));
            }
            return result == target ? self : result;
        }
    }
}

package io.bigr.discovery.db.mapping;

import java.lang.reflect.Type;
import java.sql.Types;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.generic.GenericTypes;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;

/**
 * The column mapper and argument factory of one value type stored as its canonical text: a NULL column reads as
 * null, a null value binds as a VARCHAR NULL.
 *
 * @param type  the value type
 * @param parse text to value (applied to non-null column text only)
 * @param text  value to its canonical text
 */
record TextValueMapping<T>(Class<T> type, Function<String, T> parse, Function<T, String> text) {

    ColumnMapper<T> columnMapper() {
        return (rs, column, ctx) -> {
            String s = rs.getString(column);
            return s == null ? null : parse.apply(s);
        };
    }

    ArgumentFactory.Preparable argumentFactory() {
        return new ArgumentFactory.Preparable() {
            @Override
            public Optional<Function<Object, Argument>> prepare(Type target, ConfigRegistry config) {
                if (GenericTypes.getErasedType(target) != type) {
                    return Optional.empty();
                }
                return Optional.of(value -> value == null
                        ? (position, statement, ctx) -> statement.setNull(position, Types.VARCHAR)
                        : (position, statement, ctx) -> statement.setString(position, text.apply(type.cast(value))));
            }

            @Override
            public Collection<Type> prePreparedTypes() {
                return List.of(type);
            }
        };
    }

    void registerOn(Jdbi jdbi) {
        jdbi.registerColumnMapper(type, columnMapper());
        jdbi.registerArgument(argumentFactory());
    }
}

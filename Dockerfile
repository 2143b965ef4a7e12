# BİGR Discovery API for Render (Docker web service) or any container host.
# Build:   docker build -t bigr-discovery .
# Migrate: docker run --rm -e DATABASE_URL=postgresql://user:pass@host/db?sslmode=require bigr-discovery migrate
# Serve:   docker run -e DATABASE_URL=postgresql://user:pass@host/db?sslmode=require -e PORT=8080 -p 8080:8080 bigr-discovery
# Migrations run once per deploy (render.yaml's preDeployCommand, the Procfile's release: line, or the `migrate`
# command above), never at every container start (bin/docker-entrypoint.sh).

# ---- build: the shaded jar, exactly as `mvn package` makes it locally
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependency-cache layer: it depends on pom.xml alone, so a source change reuses the downloaded dependencies and
# plugins instead of fetching them again.
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY migrations.xml config.yml config-local.yml ./
COPY src ./src
RUN mvn -B -DskipTests package

# ---- runtime: JRE only, non-root, read-only application files
FROM eclipse-temurin:17-jre
RUN groupadd --system bigr && useradd --system --gid bigr --home-dir /app --no-create-home --shell /usr/sbin/nologin bigr
WORKDIR /app
COPY --from=build /src/target/bigr.jar /app/bigr.jar
COPY config.yml /app/config.yml
COPY bin/docker-entrypoint.sh /app/bin/docker-entrypoint.sh
RUN chmod 0755 /app/bin/docker-entrypoint.sh
USER bigr
# Render sets PORT (default 10000); 8080 is the default elsewhere.
ENV PORT=8080
# Two glibc malloc arenas: lower native memory for the JVM under load (see render.yaml).
ENV MALLOC_ARENA_MAX=2
EXPOSE 8080
ENTRYPOINT ["/app/bin/docker-entrypoint.sh"]
CMD ["serve"]

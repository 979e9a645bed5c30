# syntax=docker/dockerfile:1
#
# Indriva image: multi-stage build. Used by docker-compose.yml (service "indriva");
# standalone: docker build -t indriva .
# Needs BuildKit (the default builder of Docker 23+ / `docker compose`) for the Maven cache.

# ---- build: compile and package the fat jar with the project's Maven wrapper ----
FROM eclipse-temurin:17-jdk AS build
WORKDIR /build
# The context is filtered by .dockerignore (no target/, .git, .env).
COPY . .
# ~/.m2 (dependencies and the Maven distribution fetched by ./mvnw) is a build cache,
# kept between builds but not in any image layer.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -ntp -DskipTests package
# Stage what the runtime needs. routes/ (YAML routes loaded from file:routes/*.yaml,
# relative to the working directory) is copied when the repository has one.
RUN mkdir -p /out \
 && cp target/indriva.jar /out/indriva.jar \
 && if [ -d routes ]; then cp -r routes /out/routes; fi

# ---- runtime: JRE only, non-root ----
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 indriva \
 && useradd --system --uid 10001 --gid indriva --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin indriva \
 && mkdir -p /app /var/lib/indriva \
 && chown indriva:indriva /var/lib/indriva
# Working directory = where relative paths (routes/) resolve. The application files stay
# owned by root (read-only for the app); only the data directory is writable.
WORKDIR /app
COPY --from=build /out/ /app/
ENV INDRIVA_DATA_DIR=/var/lib/indriva
USER 10001:10001
EXPOSE 8080
# Extra JVM flags: set JAVA_TOOL_OPTIONS (the JVM reads it) rather than editing this line.
ENTRYPOINT ["java", "-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/indriva.jar"]

# Shared by the benchmark scripts (sourced): the baseline WAR and waiting for a server.

# hello_war DIR: builds DIR/hello.war, one JAX-RS resource (GET /api/ping answers "pong"),
# compiled against the Jakarta EE API the project builds with.
hello_war() {
  local work=$1 api
  api=$(find ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api -name 'jakarta.jakartaee-api-10*.jar' | head -1)
  mkdir -p "$work/hello/src" "$work/hello/classes/WEB-INF/classes"
  cat > "$work/hello/src/Hello.java" <<'JAVA'
package hello;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

@ApplicationPath("api")
public class Hello extends Application {
  @Path("ping")
  public static class Ping {
    @GET
    public String ping() {
      return "pong";
    }
  }
}
JAVA
  javac -d "$work/hello/classes/WEB-INF/classes" -cp "$api" "$work/hello/src/Hello.java"
  (cd "$work/hello/classes" && jar cf "$work/hello.war" .)
}

now_ms() { date +%s%3N; }

# wait_ready URL PID STARTED_MS PATTERN: seconds from STARTED_MS until URL answers 200 with a body
# holding PATTERN; fails if the process exits or 120 s pass.
wait_ready() {
  local url=$1 pid=$2 started=$3 pattern=$4 body
  for _ in $(seq 1 1200); do
    if body=$(curl -fsS --max-time 2 "$url" 2>/dev/null) && [[ $body == *$pattern* ]]; then
      echo "scale=2; ($(now_ms) - $started) / 1000" | bc
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "process exited" >&2; return 1; }
    sleep 0.1
  done
  echo "not ready in 120 s" >&2
  return 1
}

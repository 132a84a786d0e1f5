# Sourced by the sync tests: a real nginx (nginx-light, with WebDAV PUT for
# marks/) on 127.0.0.1, its own configuration, pid, log and temp folders in
# $1, serving the folder $2. nginx_start sets $nginx_url; nginx_stop ends it
# with SIGTERM. TESTING.md, "Real servers in tests". $nginx_extra (may be
# unset): more directives for the server, e.g. "limit_rate 300k;" to make a
# transfer last long enough to watch its progress.
nginx_bin=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

nginx_start() {
	nginx_dir=$1 nginx_root=$2
	[ -x "$nginx_bin" ] || { echo "SKIP: nginx is not installed (apt-get install nginx-light)"; exit 77; }
	mkdir -p "$nginx_dir"
	nginx_user=""
	[ "$(id -u)" = 0 ] && nginx_user="user root root;"
	tries=0
	while [ $tries -lt 20 ]; do
		tries=$((tries + 1))
		# A port from the pid and the try: two tests at once do not collide for long.
		nginx_port=$(( 20000 + ($$ * 7 + tries * 7919 + $(date +%N | sed 's/^0*//;s/^$/0/') % 1000) % 40000 ))
		cat > "$nginx_dir/nginx.conf" <<CONF
daemon off;
worker_processes 2;
$nginx_user
pid $nginx_dir/nginx.pid;
error_log $nginx_dir/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	default_type application/octet-stream;
	client_body_temp_path $nginx_dir/body;
	proxy_temp_path $nginx_dir/proxy;
	fastcgi_temp_path $nginx_dir/fastcgi;
	uwsgi_temp_path $nginx_dir/uwsgi;
	scgi_temp_path $nginx_dir/scgi;
	server {
		listen 127.0.0.1:$nginx_port;
		root $nginx_root;
		${nginx_extra:-}
		location /marks/ {
			dav_methods PUT;
			create_full_put_path on;
			dav_access user:rw group:r all:r;
			client_max_body_size 1m;
		}
	}
}
CONF
		"$nginx_bin" -p "$nginx_dir" -c "$nginx_dir/nginx.conf" 2>>"$nginx_dir/start.log" &
		nginx_pid=$!
		# Wait (bounded) until it answers or has died (the port was taken).
		nginx_n=0
		while [ $nginx_n -lt 100 ]; do
			if ! kill -0 $nginx_pid 2>/dev/null; then break; fi
			if curl -s -o /dev/null "http://127.0.0.1:$nginx_port/" 2>/dev/null; then
				nginx_url="http://127.0.0.1:$nginx_port"
				return 0
			fi
			sleep 0.05
			nginx_n=$((nginx_n + 1))
		done
		kill -TERM $nginx_pid 2>/dev/null
		wait $nginx_pid 2>/dev/null
	done
	echo "FAIL: nginx did not start: $(cat "$nginx_dir/start.log" "$nginx_dir/error.log" 2>/dev/null | tail -3)"
	exit 1
}

nginx_stop() {
	[ -n "${nginx_pid:-}" ] || return 0
	kill -TERM "$nginx_pid" 2>/dev/null
	wait "$nginx_pid" 2>/dev/null
	nginx_pid=""
}

#!/usr/bin/perl
# Generate a synthetic archive of meeting packets from the real seed packet,
# for the benchmark (make bench) and its smoke test (make check).
#
# Each copy is the seed with its structure intact (so the real importer
# parses it) and with what makes a meeting distinct varied:
#   - the body name "Nämnd för folkhälsa och sjukvård" everywhere it appears
#     (kallelse page, agenda pages, protocol headers, proposals);
#   - every date YYYY-MM-DD shifted by the same number of days, so the
#     meeting date "Tid: YYYY-MM-DD" lands on the wanted day and the
#     presidium's and other dates stay consistent with it;
#   - the case numbers "2024/nnnn" and "RJL 2024/nnnn": year of the meeting,
#     number shifted by a per-packet offset (the same mapping inside one
#     packet, so the agenda's case numbers still match the protocol's);
#   - the § numbers of the protocol extracts.
# Body 0's meeting on the seed's own date (2024-12-10) is the seed unchanged.
#
# Usage: gen_archive.pl --seed FILE --out DIR [--bodies 4 (1..20)] [--meetings 11]
#                       [--years 10] [--last-year 2024]
# make bench uses 4 x 11 x 10 (440 packets), make bench-large 20 x 11 x 10.
# Writes DIR/*.txt, DIR/MANIFEST (one line per packet: file, body, date) and
# DIR/.stamp; when .stamp already matches the seed and the parameters, and
# every file is there, it writes nothing and says so.
# Perl core only (Debian base): no CPAN modules.
use strict;
use warnings;
use Getopt::Long;
use Digest::SHA;
use Time::Local qw(timegm);

my ($seed, $out);
my ($n_bodies, $n_meetings, $n_years, $last_year) = (4, 11, 10, 2024);
GetOptions('seed=s' => \$seed, 'out=s' => \$out, 'bodies=i' => \$n_bodies,
    'meetings=i' => \$n_meetings, 'years=i' => \$n_years,
    'last-year=i' => \$last_year) && $seed && $out
    or die "usage: $0 --seed FILE --out DIR [--bodies N] [--meetings N] [--years N] [--last-year Y]\n";
die "gen_archive: --meetings must be 1..11\n" if $n_meetings < 1 || $n_meetings > 11;
die "gen_archive: --bodies must be 1..20\n" if $n_bodies < 1 || $n_bodies > 20;

# Bytes throughout (no "use utf8"): the names below are UTF-8 bytes, like the seed.
my $seed_body = 'Nämnd för folkhälsa och sjukvård';
my $seed_date = '2024-12-10';
my $seed_year = '2024';
my @bodies = ($seed_body,
    'Nämnd för trafik och miljö',
    'Nämnd för kultur och utbildning',
    'Nämnd för arbetsmarknad och integration',
    'Nämnd för tandvård och läkemedel',
    'Nämnd för regional utveckling',
    'Nämnd för digitalisering och service',
    'Nämnd för fastigheter och lokaler',
    # make bench-large: a secretariat's 20 bodies.
    'Nämnd för kollektivtrafik',
    'Nämnd för primärvård',
    'Nämnd för psykiatri och beroende',
    'Nämnd för folktandvård',
    'Nämnd för kultur och fritid',
    'Nämnd för näringsliv och turism',
    'Nämnd för miljö och klimat',
    'Nämnd för ekonomi och upphandling',
    'Nämnd för personal och arbetsmiljö',
    'Nämnd för patientnämndsärenden',
    'Nämnd för hjälpmedel och habilitering',
    'Nämnd för folkbildning och bibliotek');
# Meeting months: every month but July; with fewer meetings, the last ones.
my @months = (1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12);
@months = @months[(11 - $n_meetings) .. 10];

sub slurp {
	my ($path) = @_;
	open(my $f, '<:raw', $path) or die "gen_archive: cannot read $path: $!\n";
	local $/;
	my $s = <$f>;
	close $f;
	return $s;
}

# Days since the epoch of a Y-M-D, or undef when it is no real date.
sub day_number {
	my ($y, $m, $d) = @_;
	return undef if $m < 1 || $m > 12 || $d < 1 || $d > 31 || $y < 1900 || $y > 2200;
	my $t = eval { timegm(0, 0, 12, $d, $m - 1, $y) };
	return undef unless defined $t;
	my @g = gmtime($t);
	return undef unless $g[3] == $d;	# 2024-02-31 and the like
	return int($t / 86400);
}

sub ymd {
	my ($day) = @_;
	my @g = gmtime($day * 86400 + 43200);
	return sprintf('%04d-%02d-%02d', $g[5] + 1900, $g[4] + 1, $g[3]);
}

# The nth (1-based) Tuesday of a month, as a day number.
sub nth_tuesday {
	my ($y, $m, $n) = @_;
	my $first = day_number($y, $m, 1);
	my $wday = (gmtime($first * 86400 + 43200))[6];	# 0 Sunday
	my $to_tue = (2 - $wday + 7) % 7;
	return $first + $to_tue + 7 * ($n - 1);
}

my $text = slurp($seed);
my $gen_self = slurp($0);
my $stamp = join("\n", 'gen_archive 1',
    'seed ' . Digest::SHA::sha256_hex($text),
    'generator ' . Digest::SHA::sha256_hex($gen_self),
    "bodies $n_bodies meetings $n_meetings years $n_years last $last_year") . "\n";

# Split the seed once into literal pieces and tokens, so each copy is a join.
# Token kinds: B body name, D date (day number), C case (prefix, number),
# P § line (lead, number, trail).
my @tpl;
my $re = qr{
	(?<body>\Q$seed_body\E)
	| (?<![0-9])(?<y>[0-9]{4})-(?<m>[0-9]{2})-(?<d>[0-9]{2})(?![0-9])
	| (?<![\w/])(?<rjl>RJL[ ])?\Q$seed_year\E/(?<cn>[0-9]{1,4})(?![0-9])
	| ^(?<pl>[ \t]*)§[ ](?<pn>[0-9]{1,4})(?<pt>[ \t]*\r?)$
}xm;
my $pos = 0;
my %count;
while ($text =~ /$re/g) {
	my ($s, $e) = ($-[0], $+[0]);
	my $tok;
	if (defined $+{body}) {
		$tok = ['B'];
	} elsif (defined $+{y}) {
		my $dn = day_number($+{y}, $+{m}, $+{d});
		$tok = defined $dn ? ['D', $dn] : undef;
	} elsif (defined $+{cn}) {
		$tok = ['C', $+{rjl} // '', $+{cn}];
	} else {
		$tok = ['P', $+{pl}, $+{pn}, $+{pt}];
	}
	next unless $tok;
	push @tpl, substr($text, $pos, $s - $pos), $tok;
	$count{$tok->[0]}++;
	$pos = $e;
}
push @tpl, substr($text, $pos);
for my $k (qw(B D C P)) {
	die "gen_archive: the seed has no " . { B => 'body name', D => 'dates',
	    C => 'case numbers', P => '§ lines' }->{$k} . " to vary; is it the right packet?\n"
	    unless $count{$k};
}
my $seed_day = day_number(split /-/, $seed_date);

# The plan: one packet per body, year and month.
my @plan;
for my $yi (0 .. $n_years - 1) {
	my $y = $last_year - $n_years + 1 + $yi;
	for my $mi (0 .. $#months) {
		for my $b (0 .. $n_bodies - 1) {
			my $day = nth_tuesday($y, $months[$mi], ($b + 1) % 4 + 1);
			my $slug = lc("b$b");
			my $file = sprintf('%s-%s.txt', ymd($day), $slug);
			push @plan, { body => $b, year => $y, mi => $mi, day => $day, file => $file };
		}
	}
}

mkdir $out or die "gen_archive: cannot create $out: $!\n" unless -d $out;
my $have_stamp = -e "$out/.stamp" ? slurp("$out/.stamp") : '';
if ($have_stamp eq $stamp && !grep { !-e "$out/$_->{file}" } @plan) {
	print "gen_archive: $out is up to date (" . scalar(@plan) . " packets)\n";
	exit 0;
}
unlink "$out/.stamp";
unlink glob("$out/*.txt");

my $total = 0;
open(my $man, '>', "$out/MANIFEST.tmp") or die "gen_archive: $out/MANIFEST: $!\n";
for my $i (0 .. $#plan) {
	my $p = $plan[$i];
	my $delta = $p->{day} - $seed_day;
	my $same = $delta == 0 && $p->{body} == 0;
	# Spread the offsets within a year (the case year tells years apart) so
	# that packets share few case numbers, as different meetings do.
	my $k = $p->{mi} * $n_bodies + $p->{body};
	my $case_off = $same ? 0 : ($k * 787 + 211) % 10000;
	my $year = substr(ymd($p->{day}), 0, 4);
	my $case_year = $same ? $seed_year : $year;
	# § numbers run on through a year; the seed's meeting is the last one (December).
	my $para_off = $same ? 0 : 15 * $p->{mi} + 3 * $p->{body} - 125;
	my $body = $bodies[$p->{body}];
	my $s = join('', map {
		!ref($_) ? $_
		: $_->[0] eq 'B' ? $body
		: $_->[0] eq 'D' ? ymd($_->[1] + $delta)
		: $_->[0] eq 'C' ? $_->[1] . $case_year . '/' . (($_->[2] + $case_off) % 10000)
		: $_->[1] . '§ ' . ((($_->[2] - 1 + $para_off) % 999) + 1) . $_->[3]
	} @tpl);
	my $path = "$out/$p->{file}";
	open(my $f, '>:raw', "$path.tmp") or die "gen_archive: cannot write $path: $!\n";
	print $f $s or die "gen_archive: cannot write $path: $!\n";
	close $f or die "gen_archive: cannot write $path: $!\n";
	rename "$path.tmp", $path or die "gen_archive: cannot rename $path: $!\n";
	printf $man "%s\t%s\t%s\n", $p->{file}, $body, ymd($p->{day});
	$total += length $s;
}
close $man;
rename "$out/MANIFEST.tmp", "$out/MANIFEST" or die "gen_archive: $out/MANIFEST: $!\n";
open(my $st, '>', "$out/.stamp") or die "gen_archive: $out/.stamp: $!\n";
print $st $stamp;
close $st;
printf "gen_archive: wrote %d packets, %.1f MB, to %s\n", scalar(@plan), $total / 1e6, $out;

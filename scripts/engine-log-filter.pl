#!/usr/bin/env perl
# Passes standard error through unchanged, at once (progress bars included), except the notes TensorFlow's native runtime
# writes at start that no TF_CPP setting silences: absl's "before InitializeLog" warning and its I-lines (e.g. MLIR's).
use strict;
use warnings;
$| = 1;
my $noise = qr/^(?:WARNING: All log messages before absl::InitializeLog|I\d{4} [\d:.]+ +\d+ \S+\.cc:\d+\])/;
my $start = "WARNING: All log messages before absl::InitializeLog";
my $buf = "";
while (sysread(STDIN, my $chunk, 65536)) {
  $buf .= $chunk;
  while ($buf =~ s/^([^\n]*\n)//) {
    my $line = $1;
    print STDERR $line unless $line =~ $noise;
  }
  # A partial line is held back only while it could still become one of those notes.
  my $could = substr($start, 0, length $buf) eq $buf || $buf =~ /^I\d{0,4}$/ || $buf =~ /^I\d{4} [\d:. ]*(?:\S+\.cc(?::\d*)?)?$/;
  if ($buf ne "" && !$could) {
    print STDERR $buf;
    $buf = "";
  }
}
print STDERR $buf;

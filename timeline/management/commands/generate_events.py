import time

from django.core.management.base import BaseCommand, CommandError

from timeline import synthetic


class Command(BaseCommand):
    help = (
        "Fill the database with a realistic, deterministic synthetic timeline (for benchmarks). "
        "Replaces earlier synthetic data; refuses to run beside real events unless --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, default=10_000, help="How many events to generate (default 10,000).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same data.")
        parser.add_argument("--sources", type=int, default=5000, help="How many articles to generate (default 5,000).")
        parser.add_argument("--actors", type=int, default=300, help="How many actors to generate (default 300).")
        parser.add_argument(
            "--force", action="store_true", help="Generate even though the database holds real (non-synthetic) events."
        )

    def handle(self, *args, events, seed, sources, actors, force, **options):
        if events < 1 or sources < 3 or actors < 2:
            raise CommandError("Need at least 1 event, 3 sources and 2 actors.")
        real = synthetic.real_events().count()
        if real and not force:
            raise CommandError(
                f"The database holds {real} real events. Synthetic data belongs in a separate database; "
                "pass --force to add it here anyway."
            )
        self.verbosity = options["verbosity"]
        started = time.perf_counter()
        counts = synthetic.generate(events, seed=seed, sources=sources, actors=actors, progress=self.report)
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{n:,} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Generated {summary} in {elapsed:.1f} s (seed {seed})."))

    def report(self, done):
        if self.verbosity > 1:
            self.stdout.write(f"  {done:,} events written")

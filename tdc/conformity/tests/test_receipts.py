"""Receipt numbers: two officers accepting at the same moment take consecutive numbers; a
number already held by another dossier is skipped inside the service, never an error page."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from tdc.conformity import services
from tdc.conformity.models import Declaration, ReceiptCounter
from tdc.conformity.tests.factories import filed

ROUNDS = 3
OFFICERS_AT_ONCE = 3


def _accept_together(pks: list[int], officer_pk: int) -> list[BaseException]:
    """Each dossier accepted by its own thread (its own database connection), all released
    by one barrier so that they read and write the counter at the same moment."""
    from tdc.accounts.models import User

    barrier = threading.Barrier(len(pks))
    errors: list[BaseException] = []

    def accept(pk: int) -> None:
        try:
            officer = User.objects.get(pk=officer_pk)
            declaration = Declaration.objects.get(pk=pk)
            barrier.wait(timeout=30)
            services.accept_declaration(declaration, by=officer)
        except BaseException as error:  # reported by the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=accept, args=(pk,)) for pk in pks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite transactions here are IMMEDIATE: writers queue before they read",
)
@pytest.mark.django_db(transaction=True)
def test_officers_accepting_at_the_same_moment_take_consecutive_numbers(business_user, officer):
    year = timezone.localdate().year
    for round_ in range(ROUNDS):
        pks = [
            filed(business_user, product_name=f"Bình nước nóng {round_}-{i}").pk
            for i in range(OFFICERS_AT_ONCE)
        ]
        assert _accept_together(pks, officer.pk) == []
    accepted = Declaration.objects.filter(status=Declaration.Status.ACCEPTED)
    numbers = sorted(str(n) for n in accepted.values_list("receipt_number", flat=True))
    assert numbers == [f"{n:02d}/{year}/TNCB" for n in range(1, ROUNDS * OFFICERS_AT_ONCE + 1)]
    assert ReceiptCounter.objects.get(year=year).last == ROUNDS * OFFICERS_AT_ONCE


@pytest.mark.django_db
def test_a_number_already_held_is_skipped_without_an_error(client, business_user, officer):
    """The conflict is forced: another dossier already holds the number the counter gives next
    (restored from a backup), so the insert hits the unique constraint and the service
    retries with the following number."""
    year = timezone.localdate().year
    first = services.accept_declaration(
        filed(business_user, product_name="Ấm siêu tốc"), by=officer
    )
    assert first.receipt_number == f"01/{year}/TNCB"
    restored = services.accept_declaration(
        filed(business_user, product_name="Quạt điện"), by=officer
    )
    Declaration.objects.filter(pk=restored.pk).update(receipt_number=f"03/{year}/TNCB")
    Declaration.objects.filter(pk=first.pk).update(receipt_number=f"02/{year}/TNCB")
    # The counter says 2 were issued; 02 and 03 are both held by other dossiers.

    third = filed(business_user, product_name="Nồi cơm điện")
    client.force_login(officer)
    response = client.post(reverse("conformity:declaration_accept", args=[third.pk]), follow=True)

    third.refresh_from_db()
    assert (third.status, third.receipt_number) == ("accepted", f"04/{year}/TNCB")
    assert [str(m) for m in response.context["messages"]] == [
        f"Đã tiếp nhận hồ sơ, số thông báo 04/{year}/TNCB."
    ]
    assert ReceiptCounter.objects.get(year=year).last == 4


@pytest.mark.django_db
def test_the_counter_starts_after_the_numbers_already_issued_that_year(business_user, officer):
    year = timezone.localdate().year
    accepted = services.accept_declaration(filed(business_user), by=officer)
    Declaration.objects.filter(pk=accepted.pk).update(receipt_number=f"41/{year}/TNCB")
    ReceiptCounter.objects.all().delete()  # e.g. a database from before the counter existed

    later = services.accept_declaration(filed(business_user, product_name="Quạt"), by=officer)

    assert later.receipt_number == f"42/{year}/TNCB"

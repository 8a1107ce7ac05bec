"""Meetings of a process: agenda, registration by the `attend` right, the live speaker queue,
interventions and minutes, iCal feeds."""

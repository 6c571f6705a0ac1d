from oscar.apps.shipping import repository

from .methods import VNPostExpress, VNPostStandard


class Repository(repository.Repository):
    methods = (VNPostStandard(), VNPostExpress())
